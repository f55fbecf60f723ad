"""The hub officer's pipeline, enquiry to approval, through its pages and services."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fostering.models import Applicant, ApprovedCarer, CheckItem, Enquiry, EnquiryContact
from fostering.selectors import pipeline as selectors
from fostering.services import pipeline
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError
from tests.factories import LocalAuthorityFactory
from tests.fostering.factories import EnquiryFactory
from tests.personas import sign_in

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
TODAY = "2026-03-02"
CHECKS = ("dbs", "references", "medical", "la_checks")


def at(year, month, day, hour=10):
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=LONDON), tick=False)


@pytest.fixture
def officer(home):
    return home.people[Role.HUB_OFFICER]


@pytest.fixture
def hub(officer, signed_in):
    return signed_in(officer)


def _enquiry(home, **fields):
    return EnquiryFactory(region=home.region, **fields)


def _url(name, obj):
    key = "enquiry_id" if isinstance(obj, Enquiry) else "applicant_id"
    return reverse(f"fostering:{name}", kwargs={key: obj.public_id})


def _post(client, name, obj, data, status=302):
    response = client.post(_url(name, obj), data)
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def _to_stage_1(officer, enquiry, day=date(2026, 3, 2)):
    applicant = pipeline.record_initial_visit(actor=officer, enquiry=enquiry, visited_on=day)
    return pipeline.receive_application(actor=officer, applicant=applicant, received_on=day)


def _clear_checks(officer, applicant, day=date(2026, 3, 2), satisfactory=True):
    for kind in CHECKS:
        pipeline.record_check(
            actor=officer,
            applicant=applicant,
            kind=kind,
            completed_on=day,
            satisfactory=satisfactory,
        )


# The whole pipeline ------------------------------------------------------------------------
def test_a_hub_officer_takes_an_enquiry_to_approval_through_the_pages(home, officer, client):
    with at(2026, 3, 2):
        sign_in(client, officer)
        enquiry = _enquiry(home, name="Robin Carer")
        assert "Robin Carer" in client.get(reverse("fostering:queue")).content.decode()

        _post(client, "enquiry_contact", enquiry, {"method": "phone", "outcome": "Called back"})
        _post(client, "enquiry_route", enquiry, {"council": str(home.council.pk)})
        response = _post(client, "enquiry_visit", enquiry, {"visited_on": TODAY})
        applicant = Applicant.objects.get(enquiry=enquiry)
        assert response["Location"] == _url("applicant", applicant)
        assert "Robin Carer" not in client.get(reverse("fostering:queue")).content.decode()

        _post(client, "applicant_application", applicant, {"received_on": TODAY})
        assert CheckItem.objects.filter(applicant=applicant, requested_on=TODAY).count() == 4
        for kind in CHECKS:
            data = {"kind": kind, "completed_on": TODAY, "satisfactory": "True"}
            _post(client, "applicant_check", applicant, data)
        _post(client, "applicant_stage_2", applicant, {"started_on": TODAY, "assessor": "Jo Lee"})
        _post(client, "applicant_visit", applicant, {"visited_on": TODAY, "note": "Home seen"})
        _post(client, "applicant_report", applicant, {"submitted_on": TODAY})
        _post(client, "applicant_panel", applicant, {"panel_on": TODAY})
        _post(client, "applicant_recommendation", applicant, {"recommends_approval": "True"})
        decision = {
            "decision": "approve",
            "decided_on": TODAY,
            "household": "The Carer household",
            "max_children": "2",
            "age_min": "0",
            "age_max": "11",
            "types": ["short_term", "respite"],
        }
        _post(client, "applicant_decision", applicant, decision)
        page = client.get(_url("applicant", applicant)).content.decode()

    carer = ApprovedCarer.objects.get(applicant=applicant)
    assert (carer.household, carer.local_authority, carer.max_children) == (
        "The Carer household",
        home.council,
        2,
    )
    assert (carer.age_min, carer.age_max, carer.types) == (0, 11, ["respite", "short_term"])
    enquiry.refresh_from_db()
    assert enquiry.first_contact_at is not None and enquiry.routed_to == home.council
    trail = list(applicant.trail.values_list("from_stage", "to_stage", "changed_by"))
    assert [(f, t) for f, t, _ in trail] == [
        ("enquiry", "initial_visit"),
        ("initial_visit", "application"),
        ("application", "stage_1"),
        ("stage_1", "stage_2"),
        ("stage_2", "panel"),
        ("panel", "decision"),
        ("decision", "approved"),
    ]
    assert {by for _, _, by in trail} == {officer.pk}
    assert "Approved" in page and "The Carer household" in page
    actions = set(AuditEvent.objects.filter(actor=officer).values_list("action", flat=True))
    assert {"fostering.enquiry.contacted", "fostering.carer.approved"} <= actions


def test_a_household_the_hub_kept_is_approved_by_the_council_chosen(home, officer):
    with at(2026, 3, 2):
        applicant = _to_stage_1(officer, _enquiry(home))
        _clear_checks(officer, applicant)
        _through_panel(officer, applicant)
        approve = dict(
            actor=officer,
            applicant=applicant,
            decided_on=date(2026, 3, 2),
            household="H",
            max_children=1,
            age_min=0,
            age_max=4,
            types=["short_term"],
        )
        with pytest.raises(ServiceError, match="Choose the council"):
            pipeline.approve_applicant(**approve)
        elsewhere = LocalAuthorityFactory()
        with pytest.raises(ServiceError, match="not a council of this region"):
            pipeline.approve_applicant(**approve, local_authority=elsewhere)
        carer = pipeline.approve_applicant(**approve, local_authority=home.council)
    assert carer.local_authority == home.council


def _through_panel(officer, applicant, day=date(2026, 3, 2)):
    pipeline.start_stage_2(actor=officer, applicant=applicant, started_on=day, assessor="A")
    pipeline.record_assessment_visit(actor=officer, applicant=applicant, visited_on=day)
    pipeline.record_report(actor=officer, applicant=applicant, submitted_on=day)
    pipeline.set_panel_date(actor=officer, applicant=applicant, panel_on=day)
    pipeline.record_panel_recommendation(
        actor=officer, applicant=applicant, recommends_approval=False
    )


def test_not_approved_and_withdrawn_keep_their_reasons(home, officer):
    with at(2026, 3, 2):
        refused = _to_stage_1(officer, _enquiry(home))
        _clear_checks(officer, refused)
        _through_panel(officer, refused)
        with pytest.raises(ServiceError, match="why"):
            pipeline.refuse_applicant(
                actor=officer, applicant=refused, decided_on=date(2026, 3, 2), reason=" "
            )
        pipeline.refuse_applicant(
            actor=officer, applicant=refused, decided_on=date(2026, 3, 2), reason="Space"
        )
        withdrawn = _to_stage_1(officer, _enquiry(home))
        pipeline.withdraw_applicant(actor=officer, applicant=withdrawn, reason="timing")
    assert refused.trail.last().note == "Space"
    assert Applicant.objects.get(pk=refused.pk).stage == "not_approved"
    assert Applicant.objects.get(pk=withdrawn.pk).withdrawal_reason == "timing"
    assert not ApprovedCarer.objects.exists()


# Moves out of order --------------------------------------------------------------------------
def test_stage_2_is_refused_on_the_page_until_every_check_is_clear(home, officer, client):
    with at(2026, 3, 2):
        sign_in(client, officer)
        applicant = _to_stage_1(officer, _enquiry(home))
        pipeline.record_check(
            actor=officer,
            applicant=applicant,
            kind="dbs",
            completed_on=date(2026, 3, 2),
            satisfactory=False,
        )
        response = _post(
            client,
            "applicant_stage_2",
            applicant,
            {"started_on": TODAY, "assessor": "Jo Typed"},
            status=200,
        )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "all four checks are complete and satisfactory" in body
    assert "DBS check" in body and "Medical" in body
    assert 'value="Jo Typed"' in body  # what was typed is kept
    assert Applicant.objects.get(pk=applicant.pk).stage == "stage_1"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("applicant_stage_2", {"started_on": TODAY, "assessor": "A"}, "only at Stage 1"),
        ("applicant_check", {"kind": "dbs", "completed_on": TODAY, "satisfactory": "True"}, ""),
        ("applicant_recommendation", {"recommends_approval": "True"}, "cannot move to"),
        ("applicant_report", {"submitted_on": TODAY}, "only at Stage 2"),
        ("applicant_decision", {"decision": "refuse", "decided_on": TODAY, "reason": "x"}, ""),
    ],
)
def test_moves_out_of_order_are_refused_with_a_clear_message(
    name, data, message, home, officer, client
):
    with at(2026, 3, 2):
        sign_in(client, officer)
        enquiry = _enquiry(home)
        applicant = pipeline.record_initial_visit(
            actor=officer, enquiry=enquiry, visited_on=date(2026, 3, 2)
        )
        response = _post(client, name, applicant, data, status=200)
    body = response.content.decode()
    assert "There is a problem" in body and "pplicant is at Initial visit" in body
    assert message in body
    assert Applicant.objects.get(pk=applicant.pk).stage == "initial_visit"
    assert applicant.trail.count() == 1


def test_services_refuse_repeats_and_moves_after_the_end(home, officer):
    with at(2026, 3, 2):
        enquiry = _enquiry(home)
        applicant = _to_stage_1(officer, enquiry)
        with pytest.raises(ServiceError, match="already has an applicant"):
            pipeline.record_initial_visit(
                actor=officer, enquiry=enquiry, visited_on=date(2026, 3, 2)
            )
        with pytest.raises(ServiceError, match="cannot move to Application"):
            pipeline.receive_application(
                actor=officer, applicant=applicant, received_on=date(2026, 3, 2)
            )
        with pytest.raises(ServiceError, match="withdraw the applicant instead"):
            pipeline.close_enquiry(actor=officer, enquiry=enquiry, reason="timing")
        pipeline.withdraw_applicant(actor=officer, applicant=applicant, reason="no_contact")
        with pytest.raises(ServiceError, match="Withdrawn: they cannot move to Withdrawn"):
            pipeline.withdraw_applicant(actor=officer, applicant=applicant, reason="timing")
        with pytest.raises(ServiceError, match="cannot be in the future"):
            pipeline.record_initial_visit(
                actor=officer, enquiry=_enquiry(home), visited_on=date(2026, 3, 3)
            )


def test_a_stale_copy_cannot_move_an_applicant_twice(home, officer):
    with at(2026, 3, 2):
        applicant = _to_stage_1(officer, _enquiry(home))
        stale = Applicant.objects.get(pk=applicant.pk)
        pipeline.withdraw_applicant(actor=officer, applicant=applicant, reason="timing")
        with pytest.raises(ServiceError, match="reload the page"):
            pipeline.withdraw_applicant(actor=officer, applicant=stale, reason="other")
    assert applicant.trail.filter(to_stage="withdrawn").count() == 1


def test_a_closed_enquiry_leaves_the_queue_and_takes_no_more_contacts(home, officer, hub):
    enquiry = _enquiry(home, name="Closing Person")
    _post(hub, "enquiry_close", enquiry, {"reason": "timing"})
    assert "Closing Person" not in hub.get(reverse("fostering:queue")).content.decode()
    response = _post(hub, "enquiry_contact", enquiry, {"method": "email", "outcome": "Hi"}, 200)
    assert "This enquiry is closed" in response.content.decode()
    assert not EnquiryContact.objects.exists()


def test_the_first_contact_is_the_earliest_one_logged(home, officer):
    with at(2026, 3, 2, 9):
        enquiry = _enquiry(home)
    with at(2026, 3, 2, 15):
        pipeline.record_contact(actor=officer, enquiry=enquiry, method="email", outcome="x")
        earlier = datetime(2026, 3, 2, 11, tzinfo=LONDON)
        pipeline.record_contact(
            actor=officer, enquiry=enquiry, method="phone", outcome="y", made_at=earlier
        )
    enquiry.refresh_from_db()
    assert enquiry.first_contact_at == earlier


# Timescales in working days --------------------------------------------------------------------
def test_an_enquiry_is_overdue_only_after_the_easter_weekend(home, officer, client):
    """Received Thursday 2 April 2026; Good Friday and Easter Monday are bank holidays, so
    first contact (1 working day) is due on Tuesday 7 April, not Friday 3rd."""
    with at(2026, 4, 2, 16):
        enquiry = _enquiry(home, name="Easter Enquirer")
    with at(2026, 4, 7, 17):
        sign_in(client, officer)
        queue = client.get(reverse("fostering:queue")).content.decode()
        assert "Easter Enquirer" in queue and "govuk-tag--red" not in queue
        assert "7 April 2026" in queue  # the due date
        assert not selectors.overdue_enquiries(officer).exists()
    with at(2026, 4, 8, 9):
        sign_in(client, officer)
        queue = client.get(reverse("fostering:queue")).content.decode()
        assert "govuk-tag--red" in queue
        assert list(selectors.overdue_enquiries(officer)) == [enquiry]
        dashboard = client.get("/").content.decode()
        assert "Overdue enquiries" in dashboard and "Easter Enquirer" in dashboard
        first_contact, visit = selectors.enquiry_detail(officer, enquiry.public_id)["timescales"]
    assert (first_contact.due, first_contact.overdue, first_contact.elapsed) == (
        date(2026, 4, 7),
        True,
        2,
    )
    assert (visit.due, visit.overdue, visit.status) == (date(2026, 4, 13), False, "Due")


def test_applicant_timescales_run_from_each_stage_and_agree_with_the_overdue_filter(home, officer):
    with at(2026, 3, 2):
        late = _to_stage_1(officer, _enquiry(home))
        on_time = _to_stage_1(officer, _enquiry(home))
        _clear_checks(officer, on_time)
        pipeline.start_stage_2(
            actor=officer, applicant=on_time, started_on=date(2026, 3, 2), assessor="A"
        )
    standard = selectors.standard_for_user(officer)
    assert (standard.stage_1_days, standard.stage_2_days) == (40, 80)
    # 40 working days from Monday 2 March 2026, over Good Friday and Easter Monday.
    with at(2026, 4, 29):
        stage_1, panel, decision = selectors.applicant_timescales(
            Applicant.objects.get(pk=late.pk), standard, today=date(2026, 4, 29)
        )
        assert (stage_1.due, stage_1.overdue) == (date(2026, 4, 29), False)
        assert panel.status == decision.status == "Not started"
        assert not selectors.overdue_applicants(officer).exists()
    with at(2026, 4, 30):
        assert list(selectors.overdue_applicants(officer)) == [late]
        stage_1, panel, _ = selectors.applicant_timescales(
            Applicant.objects.get(pk=on_time.pk), standard, today=date(2026, 4, 30)
        )
        assert (stage_1.met_on, stage_1.status, panel.status) == (date(2026, 3, 2), "Met", "Due")


def test_a_withdrawn_applicant_is_never_overdue(home, officer):
    with at(2026, 3, 2):
        applicant = _to_stage_1(officer, _enquiry(home))
        pipeline.withdraw_applicant(actor=officer, applicant=applicant, reason="timing")
    with at(2026, 9, 1):
        assert not selectors.overdue_applicants(officer).exists()
        page = selectors.applicant_detail(officer, applicant.public_id)
        assert [t.status for t in page["timescales"]] == ["Stopped", "Not started", "Not started"]


# The queue -----------------------------------------------------------------------------------
def test_the_queue_is_oldest_first_filters_by_council_and_downloads_as_csv(home, hub):
    with at(2026, 3, 2):
        older = _enquiry(home, name="Older One")
    with at(2026, 3, 3):
        _enquiry(home, name="Newer One", routed_to=home.council)
    body = hub.get(reverse("fostering:queue")).content.decode()
    assert body.index("Older One") < body.index("Newer One")
    kept = hub.get(reverse("fostering:queue"), {"routed": "hub"}).content.decode()
    assert "Older One" in kept and "Newer One" not in kept
    routed = hub.get(reverse("fostering:queue"), {"routed": home.council.pk}).content.decode()
    assert "Newer One" in routed and "Older One" not in routed
    response = hub.get(reverse("fostering:queue"), {"format": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert response["Content-Type"] == "text/csv"
    assert csv.splitlines()[0].startswith("Enquirer,Received,Routed to,Age (working days)")
    assert "Older One" in csv and older.email not in csv


def test_the_queue_runs_a_fixed_number_of_queries(home, hub):
    for _ in range(3):
        _enquiry(home)
    hub.get(reverse("fostering:queue"))  # the first visit makes the region's standard
    with CaptureQueriesContext(connection) as few:
        assert hub.get(reverse("fostering:queue")).status_code == 200
    for n in range(12):
        _enquiry(home, routed_to=home.council if n % 2 else None, first_contact_at=None)
    with CaptureQueriesContext(connection) as many:
        assert hub.get(reverse("fostering:queue")).status_code == 200
    assert len(many) == len(few)


def test_the_applicants_list_marks_overdue_timescales(home, officer, hub):
    with at(2026, 1, 5):
        applicant = _to_stage_1(officer, _enquiry(home, name="Slow Household"), date(2026, 1, 5))
    body = hub.get(reverse("fostering:applicants")).content.decode()
    assert "Slow Household" in body and "govuk-tag--red" in body
    page = hub.get(_url("applicant", applicant)).content.decode()
    assert "Overdue" in page and "DBS check" in page


# Who may see what ----------------------------------------------------------------------------
def test_it_hides_enquiries_and_applicants_of_another_region(home, away, hub):
    enquiry, applicant = away.fostering["enquiry"], away.fostering["applicant"]
    assert hub.get(_url("enquiry", enquiry)).status_code == 404
    assert hub.get(_url("applicant", applicant)).status_code == 404
    response = hub.post(_url("enquiry_contact", enquiry), {"method": "email", "outcome": "x"})
    assert response.status_code == 404
    response = hub.post(_url("applicant_withdraw", applicant), {"reason": "timing"})
    assert response.status_code == 404
    assert not EnquiryContact.objects.exists()
    assert Applicant.objects.get(pk=applicant.pk).stage == "stage_1"
    assert enquiry.name not in hub.get(reverse("fostering:queue")).content.decode()


def test_an_enquiry_cannot_be_routed_to_another_regions_council(home, away, officer):
    with pytest.raises(ServiceError, match="not a council of this region"):
        pipeline.route_enquiry(actor=officer, enquiry=_enquiry(home), local_authority=away.council)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.HUB_OFFICER])
def test_only_hub_officers_work_the_pipeline(role, home, national, signed_in):
    client = signed_in(national.get(role) or home.people[role])
    enquiry = _enquiry(home)
    for url in (
        reverse("fostering:queue"),
        reverse("fostering:applicants"),
        _url("enquiry", enquiry),
        _url("enquiry_contact", enquiry),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(_url("enquiry_close", enquiry), {"reason": "timing"}).status_code == 403
    assert Enquiry.objects.get(pk=enquiry.pk).closed_at is None
