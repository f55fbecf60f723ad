from django.urls import path

from providers.views import frameworks, market, ofsted, oversight, register, vacancies

app_name = "providers"

urlpatterns = [
    path("", market.dashboard, name="market"),
    path("prices/", market.price_transparency, name="prices"),
    path("scrutiny/", market.financial_scrutiny, name="scrutiny"),
    path("providers/", register.provider_list, name="providers"),
    path("providers/<int:provider_id>/", register.provider_detail, name="provider"),
    path("providers/<int:provider_id>/scrutiny/", oversight.flag_provider, name="provider_flag"),
    path("settings/", register.setting_list, name="settings"),
    path("settings/<uuid:setting_id>/", register.setting_detail, name="setting"),
    path("settings/<uuid:setting_id>/edit/", register.setting_edit, name="setting_edit"),
    path("settings/<uuid:setting_id>/suspend/", register.setting_suspend, name="setting_suspend"),
    path(
        "settings/<uuid:setting_id>/reinstate/",
        register.setting_reinstate,
        name="setting_reinstate",
    ),
    path("settings/<uuid:setting_id>/visits/new/", oversight.setting_visit, name="setting_visit"),
    path(
        "settings/<uuid:setting_id>/concerns/new/",
        oversight.setting_concern,
        name="setting_concern",
    ),
    path("vacancies/", vacancies.vacancy_list, name="vacancies"),
    path(
        "vacancies/<uuid:vacancy_id>/withdraw/", vacancies.vacancy_withdraw, name="vacancy_withdraw"
    ),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/new/", frameworks.framework_new, name="framework_new"),
    path("frameworks/<int:framework_id>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<int:framework_id>/lots/new/", frameworks.lot_new, name="lot_new"),
    path("frameworks/<int:framework_id>/rounds/new/", frameworks.round_new, name="round_new"),
    path("lots/<int:lot_id>/", frameworks.lot_detail, name="lot"),
    path("lots/<int:lot_id>/apply/", frameworks.lot_apply, name="lot_apply"),
    path("lots/<int:lot_id>/rates/new/", frameworks.rate_new, name="rate_new"),
    path("applications/<int:application_id>/", frameworks.application_detail, name="application"),
    path("portal/", vacancies.portal, name="portal"),
    path("portal/vacancies/new/", vacancies.vacancy_new, name="vacancy_new"),
    path("portal/returns/new/", oversight.financial_return_new, name="return_new"),
    path("ofsted/import/", ofsted.ofsted_upload, name="ofsted_import"),
]
