from django.contrib import admin

from providers.models import ProviderOrganisation


@admin.register(ProviderOrganisation)
class ProviderOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ofsted_provider_urn"]
    search_fields = ["name"]
