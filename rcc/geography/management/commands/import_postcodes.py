"""``manage.py import_postcodes [--areas M BL ...] [--regions] [--if-empty]``: load the ONS
Postcode Directory.

With neither area option, every postcode in the UK (about 2.7 million). Safe to re-run;
``--if-empty`` skips the import when postcodes are there already (``make demo`` uses it).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from rcc.geography.models import Postcode
from rcc.geography.postcodes import PostcodeDataError, PostcodeError
from rcc.geography.services import import_postcodes

# Postcode areas covering the councils of our two regions, approximately: measured against
# the directory's council codes (2025), each list holds every area with at least 0.4% of the
# region's postcodes: all of Greater Manchester's and over 99% of the South East's. They
# spill into neighbours: WA is mostly Warrington and Cheshire, SK half Cheshire and
# Derbyshire; HP, KT, MK, DA and TW are partly Hertfordshire, London or Bedfordshire.
GREATER_MANCHESTER_AREAS = (
    "M",  # Manchester, Salford, Trafford, parts of Bury, Tameside, Wigan, Rochdale, Oldham
    "BL",  # Bolton, Bury
    "OL",  # Oldham, Rochdale, Tameside
    "SK",  # Stockport, Tameside
    "WN",  # Wigan
    "WA",  # Altrincham and Sale (Trafford), Golborne (Wigan)
)
SOUTH_EAST_AREAS = (
    "BN",  # Brighton and Hove, East and West Sussex
    "RH",  # Surrey, West Sussex
    "GU",  # Surrey, Hampshire
    "PO",  # Portsmouth, Hampshire, Isle of Wight, West Sussex
    "SO",  # Southampton, Hampshire
    "SP",  # Test Valley (Hampshire)
    "BH",  # New Forest (Hampshire)
    "RG",  # Reading, West Berkshire, Wokingham, Bracknell Forest, Hampshire, Oxfordshire
    "SL",  # Slough, Windsor and Maidenhead, Buckinghamshire
    "OX",  # Oxfordshire
    "MK",  # Milton Keynes, Buckinghamshire
    "HP",  # Buckinghamshire
    "KT",  # Surrey
    "TW",  # Spelthorne (Surrey)
    "CR",  # Tandridge (Surrey)
    "ME",  # Medway, Kent
    "CT",  # Kent
    "TN",  # Kent, East Sussex
    "DA",  # Kent
)
REGION_AREAS = GREATER_MANCHESTER_AREAS + SOUTH_EAST_AREAS


class Command(BaseCommand):
    help = "Import the ONS Postcode Directory (all of it, or some postcode areas); safe to re-run."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--areas", nargs="+", metavar="AREA", help="Postcode areas, such as M BL OL"
        )
        parser.add_argument(
            "--regions",
            action="store_true",
            help="The postcode areas of Greater Manchester and the South East",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any postcode has been imported already",
        )

    def handle(
        self, *args, areas: list[str] | None, regions: bool, if_empty: bool, **options
    ) -> None:
        if if_empty and Postcode.objects.exists():
            self.stdout.write("Postcodes are imported already: skipped (--if-empty)")
            return
        if regions:
            areas = [*(areas or []), *REGION_AREAS]
        started = time.monotonic()
        try:
            count = import_postcodes(areas=areas)
        except (PostcodeError, PostcodeDataError) as exc:
            raise CommandError(str(exc)) from None
        elapsed = time.monotonic() - started
        self.stdout.write(f"Imported {count:,} postcodes in {elapsed:.1f} s")
