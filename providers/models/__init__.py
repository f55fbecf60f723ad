from providers.models.choices import (
    NEED_CATEGORIES,
    Judgement,
    NeedLevel,
    Sector,
    SettingType,
    Sexes,
)
from providers.models.frameworks import (
    AdmissionRound,
    Application,
    ApplicationStatusChange,
    Framework,
    Lot,
    RateCard,
)
from providers.models.organisations import ProviderGroup, ProviderOrganisation
from providers.models.oversight import Concern, FinancialReturn, QualityVisit, ScrutinyFlag
from providers.models.settings import NeedCategory, OfstedInspection, Setting, SettingStatusChange
from providers.models.vacancies import Vacancy, VacancyStatusChange
from providers.models.webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "NEED_CATEGORIES",
    "AdmissionRound",
    "Application",
    "ApplicationStatusChange",
    "Concern",
    "FinancialReturn",
    "Framework",
    "Judgement",
    "Lot",
    "NeedCategory",
    "NeedLevel",
    "OfstedInspection",
    "ProviderGroup",
    "ProviderOrganisation",
    "QualityVisit",
    "RateCard",
    "ScrutinyFlag",
    "Sector",
    "Setting",
    "SettingStatusChange",
    "SettingType",
    "Sexes",
    "Vacancy",
    "VacancyStatusChange",
    "WebhookDelivery",
    "WebhookEndpoint",
]
