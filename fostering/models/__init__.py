from fostering.models.applicants import Applicant, AssessmentVisit, CheckItem, StageChange
from fostering.models.carers import (
    ApprovedCarer,
    Attendance,
    CarerVacancy,
    Deregistration,
    SupportEvent,
)
from fostering.models.enquiries import Enquiry, EnquiryContact, ServiceStandard

__all__ = [
    "Applicant",
    "ApprovedCarer",
    "AssessmentVisit",
    "Attendance",
    "CarerVacancy",
    "CheckItem",
    "Deregistration",
    "Enquiry",
    "EnquiryContact",
    "ServiceStandard",
    "StageChange",
    "SupportEvent",
]
