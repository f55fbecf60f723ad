"""Vocabularies of the placements app: 903 codes and the RCC data standard's options."""

from django.db import models


class Sex(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    UNKNOWN = "unknown", "Not known"


class LegalStatus(models.TextChoices):
    C1 = "C1", "C1 Interim care order"
    C2 = "C2", "C2 Full care order"
    D1 = "D1", "D1 Freeing order"
    E1 = "E1", "E1 Placement order"
    V2 = "V2", "V2 Accommodated under section 20"
    J1 = "J1", "J1 Remanded to local authority accommodation"
    J2 = "J2", "J2 Placed under PACE"
    J3 = "J3", "J3 Sentenced to a youth rehabilitation order"
    L1 = "L1", "L1 Under police protection"
    L2 = "L2", "L2 Emergency protection order"
    L3 = "L3", "L3 Child assessment order"
    V3 = "V3", "V3 Short breaks (single episodes)"
    V4 = "V4", "V4 Short breaks (agreed series)"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WOTH = "WOTH", "Any other White background"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class SearchType(models.TextChoices):
    PLANNED = "planned", "Planned"
    EMERGENCY = "emergency", "Emergency"


class Suitability(models.TextChoices):
    PREFERRED = "preferred", "Preferred"
    SUITABLE = "suitable", "Suitable but not preferred"
    UNSUITABLE = "unsuitable", "Unsuitable"
    NOT_SPECIFIED = "not_specified", "Not specified"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Don't know"


class SchoolAttendance(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "na", "Not applicable (not of school age)"


class LiveAlongside(models.TextChoices):
    SOLO = "solo", "Solo placement recommended"
    OLDER = "older", "Only with other older children"
    ANY = "any", "No preference"


class AdultRatio(models.TextChoices):
    STANDARD = "standard", "Standard ratio"
    ONE_TO_ONE = "1:1", "1:1"
    TWO_TO_ONE = "2:1", "2:1"
    MORE = ">2:1", "More than 2:1"
    NOT_SPECIFIED = "not_specified", "Not specified"
    NOT_APPLICABLE = "na", "Not applicable"


class RiskLevel(models.TextChoices):
    NONE = "none", "No known risk"
    LOW = "low", "Low risk"
    HIGH = "high", "High risk"


RISKS_TO_CHILD = [
    ("self_harm", "Self-harm"),
    ("sexual_exploitation", "Sexual exploitation"),
    ("criminal_exploitation", "Criminal exploitation"),
    ("drugs_alcohol", "Drug and alcohol use"),
    ("eating_disorder", "Eating disorder"),
    ("going_missing", "Going missing"),
]
RISKS_TO_OTHERS = [
    ("physical_harm", "Physical harm"),
    ("sexual_harm", "Sexual harm"),
    ("fire_setting", "Fire-setting"),
    ("harm_to_animals", "Harm to animals"),
    ("criminal_exploitation_others", "Criminal exploitation of others"),
]
COMMUNICATION_NEEDS = [("ESOL", "ESOL"), ("BSL", "BSL"), ("Makaton", "Makaton"), ("other", "Other")]
ADDITIONAL_SUPPORT = [
    ("supervision", "Additional supervision"),
    ("therapeutic", "Therapeutic support"),
    ("respite_worker", "A worker for respite"),
    ("school_taxi", "Taxis to school"),
    ("other", "Other"),
]


# 903 REASON_PLACE_CHANGE: why a placement ended (CARPL is the planned case).
class PlacementChangeReason(models.TextChoices):
    CARPL = "CARPL", "Change to, or implementation of, the care plan"
    CLOSE = "CLOSE", "Provision closed"
    ALLEG = "ALLEG", "Allegation (section 47 enquiry)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Approval removed"
    CREQB = "CREQB", "Carer asked to end it because of the child's behaviour"
    CREQO = "CREQO", "Carer asked to end it (other reasons)"
    CHILD = "CHILD", "Child asked to end it"
    LAREQ = "LAREQ", "Council asked to end it"
    PLACE = "PLACE", "Change in the status of the placement only"
    CUSTOD = "CUSTOD", "Child went into custody"
    OTHER = "OTHER", "Other"


class DeclineReason(models.TextChoices):
    NO_VACANCY = "no_vacancy", "No suitable vacancy"
    NEEDS = "needs", "Cannot meet the child's needs"
    RISKS = "risks", "Risks cannot be managed alongside current children"
    MATCHING = "matching", "Does not match the current group"
    LOCATION = "location", "Location not suitable"
    REGISTRATION = "registration", "Outside our registration"
    STAFFING = "staffing", "Staffing"
    OTHER = "other", "Other"
