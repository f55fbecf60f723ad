"""Vocabularies shared by provider models (plain Django choices)."""

from django.db import models


class Sector(models.TextChoices):
    PRIVATE = "private", "Private"
    VOLUNTARY = "voluntary", "Voluntary"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"


class SettingType(models.TextChoices):
    CHILDRENS_HOME = "childrens_home", "Children's home"
    IFA = "ifa", "Independent fostering agency"
    SUPPORTED = "supported", "Supported accommodation"
    SECURE = "secure", "Secure children's home"
    RESIDENTIAL_SCHOOL = "residential_school", "Residential special school"
    LA_FOSTERING = "la_fostering", "Local authority fostering"


class Sexes(models.TextChoices):
    MIXED = "mixed", "Mixed"
    MALE = "male", "Boys only"
    FEMALE = "female", "Girls only"


class NeedLevel(models.TextChoices):
    CORE = "core", "Core"
    ENHANCED = "enhanced", "Enhanced"
    COMPLEX = "complex", "Complex"


class Judgement(models.IntegerChoices):
    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement to be good"
    INADEQUATE = 4, "Inadequate"


# Ofsted's registration categories of need for children's homes.
NEED_CATEGORIES = [
    ("EBD", "Emotional and behavioural difficulties"),
    ("LD", "Learning disability"),
    ("PD", "Physical disability"),
    ("MH", "Mental health"),
    ("SI", "Sensory impairment"),
    ("DA", "Drug or alcohol misuse"),
]
