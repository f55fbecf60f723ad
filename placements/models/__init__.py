from placements.models.children import CareEpisode, Child
from placements.models.placements import Placement, PlacementApproval
from placements.models.referrals import (
    Distribution,
    Offer,
    OfferStatusChange,
    Referral,
    ReferralStatusChange,
)
from placements.models.simulation import SimulationRun
from placements.models.ssda903 import (
    Ssda903Ad1,
    Ssda903Dolo,
    Ssda903Import,
    Ssda903Missing,
    Ssda903Oc2,
    Ssda903Oc3,
    Ssda903PlacedAdoption,
    Ssda903PrevPerm,
    Ssda903Review,
    Ssda903SwEpisode,
    Ssda903Validation,
)

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
    "SimulationRun",
    "Ssda903Ad1",
    "Ssda903Dolo",
    "Ssda903Import",
    "Ssda903Missing",
    "Ssda903Oc2",
    "Ssda903Oc3",
    "Ssda903PlacedAdoption",
    "Ssda903PrevPerm",
    "Ssda903Review",
    "Ssda903SwEpisode",
    "Ssda903Validation",
]
