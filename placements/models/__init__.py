from placements.models.agreements import (
    ActualCost,
    AgreementConfirmation,
    AgreementVersion,
    PlacementAgreement,
)
from placements.models.children import CareEpisode, Child
from placements.models.documents import DocumentRelease, ReferralDocument, ReferralMessage
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
    "ActualCost",
    "AgreementConfirmation",
    "AgreementVersion",
    "CareEpisode",
    "Child",
    "Distribution",
    "DocumentRelease",
    "Offer",
    "OfferStatusChange",
    "Placement",
    "PlacementAgreement",
    "PlacementApproval",
    "Referral",
    "ReferralDocument",
    "ReferralMessage",
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
