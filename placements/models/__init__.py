from placements.models.children import CareEpisode, Child
from placements.models.placements import Placement, PlacementApproval
from placements.models.referrals import (
    Distribution,
    Offer,
    OfferStatusChange,
    Referral,
    ReferralStatusChange,
)
from placements.models.ssda903 import Ssda903Import

__all__ = [
    "CareEpisode",
    "Child",
    "Distribution",
    "Offer",
    "OfferStatusChange",
    "Placement",
    "PlacementApproval",
    "Referral",
    "ReferralStatusChange",
    "Ssda903Import",
]
