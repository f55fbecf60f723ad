from django.urls import path

from placements.views import (
    agreements,
    children,
    documents,
    outcomes,
    placements,
    providers,
    referrals,
    simulation,
    ssda903,
)

app_name = "placements"

urlpatterns = [
    path("children/", children.child_list, name="children"),
    path("children/new/", children.child_new, name="child_new"),
    path("children/<uuid:child_id>/", children.child_detail, name="child"),
    path("children/<uuid:child_id>/referrals/new/", referrals.referral_new, name="referral_new"),
    path("referrals/", referrals.referral_queue, name="referrals"),
    path("referrals/<uuid:referral_id>/", referrals.referral_detail, name="referral"),
    path("referrals/<uuid:referral_id>/edit/", referrals.referral_edit, name="referral_edit"),
    path("referrals/<uuid:referral_id>/submit/", referrals.referral_submit, name="referral_submit"),
    path("referrals/<uuid:referral_id>/decide/", referrals.referral_decide, name="referral_decide"),
    path("referrals/<uuid:referral_id>/take/", referrals.referral_take, name="referral_take"),
    path("referrals/<uuid:referral_id>/shortlist/", referrals.referral_shortlist, name="shortlist"),
    path("referrals/<uuid:referral_id>/offers/", referrals.offer_comparison, name="compare"),
    path("outcomes/", outcomes.outcomes, name="outcomes"),
    path("outcomes/simulated/", simulation.simulation_results, name="simulation"),
    path("offers/<uuid:offer_id>/accept/", referrals.offer_accept, name="offer_accept"),
    path("offers/<uuid:offer_id>/negotiate/", referrals.offer_negotiate, name="offer_negotiate"),
    path("received/", providers.received_list, name="received_list"),
    path("received/<int:distribution_id>/", providers.received_detail, name="received"),
    path("received/<int:distribution_id>/offer/", providers.make_offer, name="make_offer"),
    path("received/<int:distribution_id>/decline/", providers.decline, name="decline"),
    path("placements/<uuid:placement_id>/", placements.placement_detail, name="placement"),
    path("placements/<uuid:placement_id>/end/", placements.placement_end, name="placement_end"),
    path("agreements/", agreements.agreement_list, name="agreements"),
    path(
        "placements/<uuid:placement_id>/agreement/", agreements.agreement_detail, name="agreement"
    ),
    path(
        "placements/<uuid:placement_id>/agreement/costs.csv",
        agreements.agreement_costs_csv,
        name="agreement_costs",
    ),
    path(
        "placements/<uuid:placement_id>/agreement/pdf/",
        agreements.agreement_pdf,
        name="agreement_pdf",
    ),
    path(
        "placements/<uuid:placement_id>/agreement/confirm/",
        agreements.agreement_confirm,
        name="agreement_confirm",
    ),
    path(
        "placements/<uuid:placement_id>/agreement/edit/",
        agreements.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "placements/<uuid:placement_id>/agreement/actual-cost/",
        agreements.actual_cost_new,
        name="agreement_actual_cost",
    ),
    path("approvals/", placements.approval_list, name="approvals"),
    path("approvals/<int:approval_id>/", placements.approval_decide, name="approval"),
    path("903/", ssda903.import_list, name="ssda903_imports"),
    path("903/upload/", ssda903.upload, name="ssda903_upload"),
    path("903/export/", ssda903.export, name="ssda903_export"),
    path("903/rules/", ssda903.validate, name="ssda903_validate"),
    path(
        "903/rules/<int:validation_id>/",
        ssda903.validation_detail,
        name="ssda903_validation",
    ),
    path("903/imports/<int:import_id>/", ssda903.import_detail, name="ssda903_import"),
    path(
        "referrals/<uuid:referral_id>/documents/",
        documents.referral_documents,
        name="referral_documents",
    ),
    path("documents/<uuid:document_id>/", documents.document_download, name="document"),
    path(
        "documents/<uuid:document_id>/release/",
        documents.document_release,
        name="document_release",
    ),
    path("conversations/<int:distribution_id>/", documents.conversation, name="conversation"),
]
