from __future__ import annotations

from rest_framework import serializers

from providers.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "created_at", "active", "previous_secret_until"]
        read_only_fields = fields

    def get_active(self, endpoint) -> bool:
        return endpoint.disabled_at is None


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown only now: keep it safe.")

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class RegisterEndpointSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)


class WebhookDeliverySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    endpoint = serializers.UUIDField(source="endpoint.public_id", read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "event",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields


class ReportVacancySerializer(serializers.Serializer):
    """A vacancy of one of your settings (the portal's form, as JSON)."""

    setting = serializers.UUIDField()
    places = serializers.IntegerField(min_value=1, max_value=100)
    available_from = serializers.DateField()
    available_until = serializers.DateField(required=False, allow_null=True, default=None)
    age_min = serializers.IntegerField(min_value=0, max_value=17)
    age_max = serializers.IntegerField(min_value=0, max_value=17)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class WithdrawVacancySerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
