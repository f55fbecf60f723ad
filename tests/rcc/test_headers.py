"""Security headers, strict CSP with nonces, no-store on staff pages."""

from __future__ import annotations

import re

from rcc.roles import Role


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_every_script_carries_the_nonce_of_the_strict_policy(signed_in, home):
    response = signed_in(home.people[Role.COMMISSIONER]).get("/")
    policy = _csp(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "default-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["base-uri"] == "base-uri 'self'"
    assert policy["form-action"] == "form-action 'self'"
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "the layout loads GOV.UK Frontend's script"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag


def test_security_headers_are_on_public_and_staff_pages(client):
    response = client.get("/account/sign-in/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]


def test_signed_in_pages_are_not_stored(signed_in, home):
    client = signed_in(home.people[Role.COMMISSIONER])
    for url in ("/", "/audit/", "/account/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_pages_load_only_local_assets(client):
    body = client.get("/account/sign-in/").content.decode()
    loaded = re.findall(r'<(?:script|img)\b[^>]*\bsrc="([^"]+)"', body)
    loaded += re.findall(r'<link\b[^>]*\bhref="([^"]+)"', body)
    assert loaded
    for url in loaded:
        assert not url.startswith(("http://", "https://", "//")), url


def test_a_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced(client):
    assert (
        client.get("/healthz", HTTP_X_REQUEST_ID="abcdef12-3456")["X-Request-ID"] == "abcdef12-3456"
    )
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad\r\nid")["X-Request-ID"] != "bad\r\nid"


def test_checkbox_lists_render_as_checkboxes_not_radios():
    from django import forms

    from rcc.kit.govuk import field_params

    class Form(forms.Form):
        many = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )
        one = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    form = Form()
    assert field_params(form["many"])["kind"] == "checkboxes"
    assert field_params(form["one"])["kind"] == "radios"


def test_every_part_of_the_layout_is_inside_a_landmark(client):
    body = client.get("/account/sign-in/").content.decode()
    assert body.index("govuk-phase-banner") < body.index("</header>")
    assert "<footer" in body


def test_a_form_without_its_security_token_gets_a_plain_english_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/sign-in/", {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
