"""The model's states: age band x placement category, and how 903 codes map onto them."""

from __future__ import annotations

AGE_BANDS = ("0-4", "5-9", "10-15", "16-17")
# Years at which each band starts, and the 18th birthday that ends care.
BAND_STARTS = (0, 5, 10, 16)
CARE_ENDS_AT = 18
BAND_YEARS = (5, 5, 6, 2)

CATEGORIES = (
    "fostering_connected",
    "fostering_other",
    "residential",
    "supported",
    "with_parents",
    "adoption",
    "other",
)

State = tuple[str, str]  # (age band, category)
STATES: tuple[State, ...] = tuple((band, cat) for band in AGE_BANDS for cat in CATEGORIES)
N_STATES = len(STATES)
OUT = N_STATES  # the column for "left care" in a transition matrix
STATE_INDEX = {state: i for i, state in enumerate(STATES)}

_CATEGORY_OF_CODE = {
    **dict.fromkeys(("U1", "U2", "U3"), "fostering_connected"),
    **dict.fromkeys(("U4", "U5", "U6"), "fostering_other"),
    **dict.fromkeys(("K1", "K2", "R1", "R2", "R5", "S1"), "residential"),
    **dict.fromkeys(("K3", "H5", "P2"), "supported"),
    "P1": "with_parents",
    **dict.fromkeys(("A3", "A4", "A5", "A6"), "adoption"),
}


def category_for_place(code: str) -> str:
    """The demand category of a 903 PLACE code (anything unlisted is "other")."""
    return _CATEGORY_OF_CODE.get((code or "").strip().upper(), "other")


def state_index(band: int, category: int) -> int:
    return band * len(CATEGORIES) + category
