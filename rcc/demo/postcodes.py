"""Postcodes for the demo's addresses: real ones of each council once ``import_postcodes`` has
filled the Postcode table, else made up in the council's districts."""

from __future__ import annotations

import random

from rcc.demo.geography import COUNCILS
from rcc.geography.models import Postcode

LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# The ONS directory names a postcode's lower-tier council: in the six two-tier counties of the
# South East, a district (E07...), never the county (E10...) that looks after the children.
COUNTY_DISTRICTS = {
    "E10000011": "E07000061 E07000062 E07000063 E07000064 E07000065",  # East Sussex
    "E10000014": "E07000084 E07000085 E07000086 E07000087 E07000088 E07000089 E07000090 "
    "E07000091 E07000092 E07000093 E07000094",  # Hampshire
    "E10000016": "E07000105 E07000106 E07000107 E07000108 E07000109 E07000110 E07000111 "
    "E07000112 E07000113 E07000114 E07000115 E07000116",  # Kent
    "E10000025": "E07000177 E07000178 E07000179 E07000180 E07000181",  # Oxfordshire
    "E10000030": "E07000207 E07000208 E07000209 E07000210 E07000211 E07000212 E07000213 "
    "E07000214 E07000215 E07000216 E07000217",  # Surrey
    "E10000032": "E07000223 E07000224 E07000225 E07000226 E07000227 E07000228 "
    "E07000229",  # West Sussex
}


def made_up_postcode(rng: random.Random, council: str) -> str:
    """A postcode-shaped string in one of the council's districts (not a real postcode)."""
    outcodes = COUNCILS[council][4].split()
    return f"{rng.choice(outcodes)} {rng.randint(1, 9)}" + "".join(rng.choices(LETTERS, k=2))


class Postcodes:
    """Real postcodes of each council from the Postcode table, each council's read once.

    The table is empty until ``import_postcodes`` has run (tests seed without it): then every
    postcode is made up, as before real ones came in.
    """

    def __init__(self) -> None:
        self.real = Postcode.objects.exists()
        self._by_council: dict[str, list[str]] = {}

    def pick(self, rng: random.Random, council: str, gss_code: str) -> str:
        pool = self._of(gss_code) if self.real else []
        return pool[rng.randrange(len(pool))] if pool else made_up_postcode(rng, council)

    def _of(self, gss_code: str) -> list[str]:
        if gss_code not in self._by_council:
            codes = COUNTY_DISTRICTS.get(gss_code, gss_code).split()
            rows = Postcode.objects.filter(local_authority_code__in=codes).order_by("postcode")
            self._by_council[gss_code] = list(rows.values_list("postcode", flat=True))
        return self._by_council[gss_code]
