"""API keys for platform administrators: list, issue, rotate and revoke.

A key's secret is shown once, on the page that answers the POST that made it (never stored,
never in a URL, never cached by the browser). Who may do this is decided in ``rcc.access``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from rcc import access, flows, selectors
from rcc import services as api_keys
from rcc.forms.api_keys import ConfirmForm, IssueKeyForm
from rcc.kit import tables
from rcc.kit.format import format_datetime
from rcc.services import ServiceError

LIST_URL = "api_keys:list"


def _status(key) -> str:
    return f"Revoked {format_datetime(key.revoked_at)}" if key.revoked_at else "Live"


COLUMNS = [
    tables.Column("Name", lambda k: k.name, link=lambda k: "" if k.revoked_at else _manage(k)),
    tables.Column("Prefix", lambda k: k.prefix),
    tables.Column("Owner", lambda k: k.membership.user.email),
    tables.Column("Role", lambda k: k.membership.get_role_display()),
    tables.Column("Scope", lambda k: k.membership.scope_label),
    tables.Column("Created", lambda k: format_datetime(k.created_at)),
    tables.Column("Last used", lambda k: format_datetime(k.last_used_at) or "Never"),
    tables.Column("Status", _status),
]


def _manage(key) -> str:
    return reverse("api_keys:rotate", kwargs={"key_id": key.pk})


@require_GET
@permission_required(access.MANAGE_API_KEYS, raise_exception=True)
def key_list(request: HttpRequest) -> HttpResponse:
    return tables.render_list(
        request,
        title="API keys",
        rows=access.api_keys_for(request.user),
        columns=COLUMNS,
        csv_name="api-keys",
        extra={
            "intro": "Each key reads the API as one person in one role: a council, a region, "
            "a provider or England. Keys are stored only as hashes. Choose a live key's name "
            "to rotate or revoke it.",
            "actions": [{"href": reverse("api_keys:issue"), "text": "Issue a key"}],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_API_KEYS, raise_exception=True)
def key_issue(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_for_new_keys(request.user)
    form = IssueKeyForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            key, secret = api_keys.issue_api_key(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return _show_secret(request, key, secret, "API key issued")
    return flows.form_page(request, form, back_url=reverse(LIST_URL), **ISSUE_PAGE)


ISSUE_PAGE = {
    "title": "Issue an API key",
    "submit_text": "Issue key",
    "intro": "The key is shown once, on the next page. Give it to its owner by a secure route.",
}


@never_cache
@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_API_KEYS, raise_exception=True)
def key_rotate(request: HttpRequest, key_id: int) -> HttpResponse:
    key = access.get_api_key_for_user(request.user, key_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new_key, secret = api_keys.rotate_api_key(actor=request.user, key=key)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return _show_secret(request, new_key, secret, "API key rotated")
    return _confirm(request, key, form)


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_API_KEYS, raise_exception=True)
def key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    key = access.get_api_key_for_user(request.user, key_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if api_keys.revoke_api_key(actor=request.user, key=key):
            messages.success(request, f"Key '{key.name}' ({key.prefix}) revoked")
        else:
            messages.info(request, f"Key '{key.name}' ({key.prefix}) was already revoked")
        return redirect(LIST_URL)
    return _confirm(request, key, form, revoking=True)


def _confirm(request: HttpRequest, key, form, revoking: bool = False) -> HttpResponse:
    return render(
        request,
        "rcc/api_keys/confirm.html",
        {
            "title": f"{'Revoke' if revoking else 'Rotate or revoke'} the key '{key.name}'",
            "key": key,
            "form": form,
            "revoking": revoking,
            "status": _status(key),
            "back_url": reverse(LIST_URL),
        },
    )


def _show_secret(request: HttpRequest, key, secret: str, title: str) -> HttpResponse:
    return render(
        request, "rcc/api_keys/secret.html", {"title": title, "key": key, "secret": secret}
    )
