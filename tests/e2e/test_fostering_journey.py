"""Someone thinking about fostering, on a phone, and the hub officer who takes them to approval.

Given the region's public fostering hub, when a member of the public reads it on a
phone-sized screen and sends an enquiry, then the hub officer sees it in their queue and
takes the household through contact, the initial visit, the application, Stage 1 checks,
Stage 2, panel and the agency decision to an approved foster carer.
"""

from __future__ import annotations

from django.utils import timezone

from fostering.models import ApprovedCarer
from rcc.geography.models import Postcode
from rcc.roles import Role
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD


def test_public_enquiry_on_a_phone_to_an_approved_carer(home, person):
    # Given the hub's region and the postcodes of its councils
    Postcode.objects.create(
        postcode="BL1 1AA", easting=371_700, northing=409_200, local_authority_code="E08000001"
    )
    home.council.gss_code = "E08000001"
    home.council.save(update_fields=["gss_code"])
    today = timezone.localdate().isoformat()

    # When someone on a phone finds the region's fostering pages and reads them
    public = person("public", viewport=PHONE)
    public.visit("/fostering/", "regions")
    public.click("Greater Manchester", role="link", then="hub-home")
    assert public.heading() == "Foster with Greater Manchester"
    menu = public.page.get_by_role("button", name="Menu")  # GOV.UK Frontend's script, under CSP
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    public.check("menu-open")
    public.page.get_by_role("navigation", name="Fostering menu").get_by_role(
        "link", name="Who can foster"
    ).click()
    public.check("who-can-foster")
    public.page.go_back()
    public.page.get_by_role("main").get_by_role("link", name="Allowances and support").click()
    public.check("allowances")
    public.page.go_back()
    public.click("Check if you can foster", role="link", then="can-i-foster")
    public.choose_in("Are you 21 or over?", "Yes")
    public.choose_in("Do you have a spare bedroom?", "Yes")
    public.choose_in("Do you live in the UK?", "Yes")
    public.click("Check", then="can-i-foster-answer")
    assert "You can probably foster" in public.text()

    # and sends an enquiry
    public.click("Enquire about fostering", role="link", then="enquiry-form")
    public.fill("Full name", "Robin Carer")
    public.fill("Email address", "robin@example.org")
    public.fill("Phone number", "07700 900123")
    public.fill("Postcode", "BL1 1A")
    public.fill("Who lives in your home?", "Me and my partner; our children have left home")
    public.choose_in("When is the best time to contact you?", "Evening")
    public.choose_in("What kind of fostering interests you?", "Short breaks (respite)")
    public.choose_in("How did you hear about fostering with us?", "This website")
    public.choose("I agree to the fostering team contacting me about my enquiry")
    public.click("Send enquiry", then="enquiry-postcode-wrong", errors_expected=True)
    assert "Enter a full UK postcode" in public.text()
    assert public.page.get_by_label("Full name").input_value() == "Robin Carer"  # kept
    public.fill("Postcode", "BL1 1AA")
    public.click("Send enquiry", then="enquiry-sent")

    # Then the hub officer finds it in the queue, routed to Bolton by the postcode
    officer = person("hub officer")
    sign_in(officer, home.people[Role.HUB_OFFICER], PASSWORD)
    officer.click("Enquiries", role="link", then="enquiries", exact=True)
    officer.open_row("Robin Carer", then="enquiry")
    assert "Bolton" in officer.text()
    officer.click("Record a contact", role="link", then="contact-form")
    officer.choose_in("How did you contact them?", "Phone call")
    officer.fill("What came of it?", "Called back; initial visit booked")
    officer.click("Save", then="contact-recorded")
    officer.click("Record the initial visit", role="link", then="initial-visit-form")
    officer.fill("Date of the initial visit", today)
    officer.click("Save", then="applicant")

    # and takes the household through the application, checks, assessment and panel
    steps = [
        ("Record the application", {"Date the application was received": today}),
        *[
            ("Record a check", {"Which check?": kind, "Date the check was completed": today})
            for kind in ("DBS check", "References", "Medical", "Local authority checks")
        ],
        ("Start Stage 2", {"Date Stage 2 started": today, "Assessor": "Jo Lee"}),
        ("Record a Form F visit", {"Date of the visit": today}),
        ("Record the report", {"Date the Form F report was submitted": today}),
        ("Set the panel date", {"Date of the panel": today}),
        ("Record the panel's recommendation", {"Did the panel recommend approval?": "Yes"}),
    ]
    for number, (link, answers) in enumerate(steps, start=1):
        officer.click(link, role="link", then=f"step-{number}-form", exact=True)
        for question, answer in answers.items():
            if question in ("Which check?", "Did the panel recommend approval?"):
                officer.choose_in(question, answer)
            else:
                officer.fill(question, answer)
        if link == "Record a check":
            officer.choose_in("Was it satisfactory?", "Yes")
        officer.click("Save", then=f"step-{number}-done")

    # and records the agency decision maker's approval
    officer.click("Record the agency decision", role="link", then="decision-form")
    officer.choose_in("What did the agency decision maker decide?", "Approve")
    officer.fill("Date of the decision", today)
    officer.fill("If approved: household name", "The Carer household")
    officer.fill("If approved: how many children", "2")
    officer.fill("Youngest age", "0")
    officer.fill("Oldest age", "11")
    officer.choose_in("If approved: types of fostering", "Respite")
    officer.click("Save", then="approved")
    assert "Approved" in officer.text()
    carer = ApprovedCarer.objects.get(household="The Carer household")
    assert (carer.local_authority, carer.max_children) == (home.council, 2)

    # and the recruitment funnel counts the household, in charts each followed by its table
    officer.click("Fostering funnel", role="link", then="funnel", exact=True)
    assert "1 enquiries became applications; 1 approved so far" in officer.text()
