from django.db import models


class Interest(models.TextChoices):
    SHORT_TERM = "short_term", "Short-term fostering"
    LONG_TERM = "long_term", "Long-term fostering"
    RESPITE = "respite", "Short breaks (respite)"
    PARENT_AND_CHILD = "parent_and_child", "Parent and child"
    EMERGENCY = "emergency", "Emergency fostering"
    NOT_SURE = "not_sure", "Not sure yet"


class CarerType(models.TextChoices):
    SHORT_TERM = "short_term", "Short-term"
    LONG_TERM = "long_term", "Long-term"
    RESPITE = "respite", "Respite"
    PARENT_AND_CHILD = "parent_and_child", "Parent and child"
    CONNECTED = "connected", "Connected (family and friends)"


class Source(models.TextChoices):
    WEBSITE = "website", "This website"
    EVENT = "event", "An information event"
    SOCIAL = "social", "Social media"
    WORD_OF_MOUTH = "word_of_mouth", "A friend or family member"
    ADVERT = "advert", "Radio, TV or a poster"
    OTHER = "other", "Somewhere else"


class ContactTime(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"
    ANY = "any", "Any time"


class Stage(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    INITIAL_VISIT = "initial_visit", "Initial visit"
    APPLICATION = "application", "Application"
    STAGE_1 = "stage_1", "Stage 1 (statutory checks)"
    STAGE_2 = "stage_2", "Stage 2 (Form F assessment)"
    PANEL = "panel", "Fostering panel"
    DECISION = "decision", "Agency decision"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_APPROVED = "not_approved", "Not approved"


ENDED = (Stage.APPROVED, Stage.NOT_APPROVED, Stage.WITHDRAWN)  # the assessment is over


class CheckKind(models.TextChoices):
    DBS = "dbs", "DBS check"
    REFERENCES = "references", "References"
    MEDICAL = "medical", "Medical"
    LA_CHECKS = "la_checks", "Local authority checks"


class LeavingReason(models.TextChoices):
    RETIRED = "retired", "Retired"
    CIRCUMSTANCES = "circumstances", "Change in personal circumstances"
    SUPPORT = "support", "Not enough support"
    ALLOWANCES = "allowances", "Allowances"
    MOVED_AGENCY = "moved_agency", "Moved to another fostering service"
    ADOPTED_OR_SGO = "sgo", "Became the child's special guardian or adopted"
    ALLEGATION = "allegation", "After an allegation"
    OTHER = "other", "Other"


class WithdrawalReason(models.TextChoices):
    TIMING = "timing", "Not the right time"
    CIRCUMSTANCES = "circumstances", "Change in circumstances"
    OTHER_AGENCY = "other_agency", "Went to another fostering service"
    NO_CONTACT = "no_contact", "Stopped responding"
    UNSUITABLE = "unsuitable", "Assessed as not suitable"
    OTHER = "other", "Other"
