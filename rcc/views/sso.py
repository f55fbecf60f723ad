"""Sign in with your council's account (OpenID Connect; ADR 0018)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from rcc import sso
from rcc.forms.auth import CouncilSignInForm
from rcc.middleware import mfa_not_required

NO_PROVIDER = (
    "Your organisation does not sign in to this service with its own account. "
    "Sign in with your email address and password instead"
)
BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
@mfa_not_required
@require_http_methods(["GET", "POST"])
def council_sign_in(request: HttpRequest) -> HttpResponse:
    form = CouncilSignInForm(request.POST or None)
    if form.is_valid():
        email = form.cleaned_data["email"].lower()
        provider = sso.provider_for_email(email)
        if provider is None:
            sso.record_failure(provider=None, reason="unknown domain")
            form.add_error("email", NO_PROVIDER)
        else:
            redirect_uri = request.build_absolute_uri(reverse("account:sso_callback"))
            try:
                return sso.start(
                    request=request, provider=provider, redirect_uri=redirect_uri, email=email
                )
            except sso.SignInFailed as exc:
                sso.record_failure(provider=provider, reason=str(exc))
                form.add_error(
                    "email", "Your organisation's sign-in service is not answering. Try again later"
                )
    response = render(
        request,
        "account/sso_sign_in.html",
        {"title": "Sign in with your council account", "form": form},
    )
    # The form's answer is a redirect to the council's provider: CSP's form-action must allow it.
    response._csp_update = {"form-action": sso.sign_in_origins()}
    return response


@login_not_required
@mfa_not_required
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    provider = sso.active_provider(request.session.get(sso.SESSION_PROVIDER))
    if provider is None or not request.GET.get("state"):
        # An old bookmark or a replayed address: back to the start (nothing was checked).
        sso.record_failure(provider=provider, reason="no sign-in under way")
        messages.info(request, "Your sign-in had expired. Enter your work email to start again.")
        return redirect("account:sso_sign_in")
    try:
        claims = sso.finish(request=request, provider=provider)
        outcome = sso.decide(provider=provider, claims=claims)
    except sso.SignInFailed as exc:
        sso.record_failure(provider=provider, reason=str(exc))
        return _failed(request)
    if outcome.user is None:
        request.session.pop(sso.SESSION_ID_TOKEN, None)
        return render(
            request,
            "account/sso_requested.html",
            {"title": "Your request has been sent", "provider": provider},
        )
    id_token = request.session.get(sso.SESSION_ID_TOKEN)
    login(request, outcome.user, backend=BACKEND)  # a new session key; keep what sign-out needs
    request.session[sso.SESSION_PROVIDER] = provider.pk
    request.session[sso.SESSION_ID_TOKEN] = id_token
    if outcome.mfa_by_provider:
        sso.verify_by_provider(request=request, user=outcome.user, provider=provider)
        return redirect("dashboard")
    return redirect(f"{reverse('account:mfa')}?{urlencode({'next': reverse('dashboard')})}")


def _failed(request: HttpRequest) -> HttpResponse:
    return render(
        request, "account/sso_failed.html", {"title": "You could not be signed in"}, status=400
    )
