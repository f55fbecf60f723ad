"""Shapes of the referral journey API.

Council and RCC staff read referrals, offers and placements of their scope. Provider staff
read only the minimised projection (``placements.selectors.minimised``), never a Referral, and write
through ``placements.services.offers``: the input serializers here only check shapes and
resolve public ids within the caller's own scope.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from placements.models import Distribution, Offer, Placement, Referral
from placements.models.choices import DeclineReason, Suitability
from placements.models.referrals import STANDARD_FIELDS
from placements.selectors.minimised import minimise
from providers.models import SettingType
from rcc import access


def _code(choices) -> serializers.CharField:
    """A read-only code documented by its values, not as an enum component: these choice
    sets are shared by several fields, and OpenAPI enum components are named per field."""
    values = ", ".join(value for value, _ in choices)
    return serializers.CharField(read_only=True, help_text=f"One of: {values}")


# Council and RCC staff ----------------------------------------------------------------
class ReferralSerializer(serializers.ModelSerializer):
    """A referral as its council and region see it: the child by case ID, never by name."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    reference = serializers.CharField(read_only=True)
    child_case_id = serializers.CharField(source="child.case_id", read_only=True)
    council_gss_code = serializers.CharField(source="local_authority.gss_code", read_only=True)
    needs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    communication_needs = serializers.ListField(child=serializers.CharField(), read_only=True)
    additional_support = serializers.ListField(child=serializers.CharField(), read_only=True)
    risks = serializers.DictField(child=serializers.CharField(), read_only=True)
    foster_suitability = _code(Suitability.choices)
    residential_suitability = _code(Suitability.choices)
    supported_suitability = _code(Suitability.choices)

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "child_case_id",
            "council_gss_code",
            "status",
            *STANDARD_FIELDS,
            "risks",
            "other_risks",
            "additional_support",
            "additional_support_note",
            "created_at",
            "submitted_at",
        ]
        read_only_fields = fields


class ExtraSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=200)
    weekly = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal("0"), coerce_to_string=True
    )


class ResponseSerializer(serializers.ModelSerializer):
    """An offer or decline as the provider who made it sees it."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    setting = serializers.UUIDField(source="setting.public_id", default=None, read_only=True)
    vacancy = serializers.UUIDField(source="vacancy.public_id", default=None, read_only=True)
    extras = ExtraSerializer(many=True, read_only=True)
    status = _code(Offer.Status.choices)
    decline_reason = _code(DeclineReason.choices)

    class Meta:
        model = Offer
        fields = [
            "id",
            "status",
            "setting",
            "vacancy",
            "weekly_price",
            "extras",
            "start_date",
            "note",
            "decline_reason",
            "made_at",
        ]
        read_only_fields = fields


class OfferSerializer(ResponseSerializer):
    """An offer as the referring council and its region see it."""

    referral = serializers.UUIDField(source="referral.public_id", read_only=True)
    council_gss_code = serializers.CharField(
        source="referral.local_authority.gss_code", read_only=True
    )
    provider = serializers.IntegerField(source="distribution.provider_id", read_only=True)
    provider_name = serializers.CharField(source="distribution.provider.name", read_only=True)
    setting_name = serializers.CharField(source="setting.name", default=None, read_only=True)
    total_weekly_cost = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta(ResponseSerializer.Meta):
        fields = [
            *ResponseSerializer.Meta.fields,
            "referral",
            "council_gss_code",
            "provider",
            "provider_name",
            "setting_name",
            "total_weekly_cost",
        ]
        read_only_fields = fields


class PlacementSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    referral = serializers.UUIDField(source="referral.public_id", default=None, read_only=True)
    offer = serializers.UUIDField(source="offer.public_id", default=None, read_only=True)
    child_case_id = serializers.CharField(source="child.case_id", default=None, read_only=True)
    council_gss_code = serializers.CharField(source="local_authority.gss_code", read_only=True)
    setting = serializers.UUIDField(source="setting.public_id", read_only=True)
    setting_name = serializers.CharField(source="setting.name", read_only=True)
    provider = serializers.IntegerField(source="provider_id", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    extras = ExtraSerializer(many=True, read_only=True)
    placement_type = _code(SettingType.choices)

    class Meta:
        model = Placement
        fields = [
            "id",
            "referral",
            "offer",
            "child_case_id",
            "council_gss_code",
            "setting",
            "setting_name",
            "provider",
            "provider_name",
            "placement_type",
            "need_level",
            "route",
            "status",
            "agreed_weekly_cost",
            "extras",
            "start_date",
            "end_date",
            "end_reason",
            "unplanned_ending",
        ]
        read_only_fields = fields


# Provider staff -----------------------------------------------------------------------
class MinimisedReferralSerializer(serializers.Serializer):
    """Exactly the fields of ``MinimisedReferral`` (a test holds the two together)."""

    reference = serializers.CharField()
    age = serializers.IntegerField()
    sex = serializers.CharField()
    search_type = serializers.CharField()
    latest_start_date = serializers.DateField()
    siblings_to_place_with = serializers.IntegerField()
    needs = serializers.ListField(child=serializers.CharField())
    risks = serializers.SerializerMethodField()
    other_risks = serializers.CharField()
    family_district = serializers.CharField(help_text="Postcode district only, like BL1")
    school_district = serializers.CharField(help_text="Postcode district only, like BL1")
    close_to_family = serializers.BooleanField()
    must_continue_school = serializers.BooleanField()
    live_alongside = serializers.CharField()
    can_live_with_pets = serializers.CharField()
    adult_ratio = serializers.CharField()
    foster_suitability = serializers.CharField()
    residential_suitability = serializers.CharField()
    supported_suitability = serializers.CharField()
    communication_needs = serializers.ListField(child=serializers.CharField())
    additional_support = serializers.ListField(child=serializers.CharField())
    is_uasc = serializers.BooleanField()
    sent_at = serializers.DateTimeField()
    respond_by = serializers.DateTimeField()

    @extend_schema_field(
        serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    )
    def get_risks(self, summary) -> list[dict[str, str]]:
        return [{"risk": risk, "level": level} for risk, level in summary.risks]


class ReceivedReferralSerializer(serializers.ModelSerializer):
    """A referral sent to the caller's organisation: its handle and the minimised summary."""

    id = serializers.IntegerField(source="pk", read_only=True, help_text="The distribution id")
    referral = serializers.SerializerMethodField()

    class Meta:
        model = Distribution
        fields = ["id", "responded_at", "referral"]
        read_only_fields = fields

    @extend_schema_field(MinimisedReferralSerializer)
    def get_referral(self, distribution) -> dict:
        return MinimisedReferralSerializer(minimise(distribution, timezone.localdate())).data


@extend_schema_field({"type": "string", "format": "uuid"})
class OwnSettingField(serializers.SlugRelatedField):
    """A public id resolved only among the caller's own settings (anyone else's: 400)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(slug_field="public_id", **kwargs)

    def get_queryset(self):
        return access.settings_for(self.context["request"].user)


@extend_schema_field({"type": "string", "format": "uuid"})
class OwnVacancyField(OwnSettingField):
    """A public id resolved only among the caller's own vacancies."""

    def get_queryset(self):
        return access.vacancies_for(self.context["request"].user)


class MakeOfferSerializer(serializers.Serializer):
    setting = OwnSettingField(help_text="Public id of one of your settings")
    vacancy = OwnVacancyField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Public id of an open vacancy of that setting",
    )
    weekly_price = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("1"))
    extras = ExtraSerializer(many=True, required=False, default=list)
    start_date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def validate_extras(self, extras: list[dict]) -> list[dict]:
        # Stored as JSON: amounts as strings, as the pages store them.
        return [{"item": e["item"], "weekly": str(e["weekly"])} for e in extras]


class DeclineSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeclineReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()
