"""Sign in with your council account (OpenID Connect; ADR 0023)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from rcc import sso
from rcc.forms.auth import CouncilSignInForm
from rcc.middleware import mfa_not_required
from rcc.sso import services as sso_services


@login_not_required
@mfa_not_required
@require_http_methods(["GET", "POST"])
def council_sign_in(request: HttpRequest) -> HttpResponse:
    form = CouncilSignInForm(request.POST or None)
    if form.is_valid():
        callback_uri = request.build_absolute_uri(reverse("account:sso_callback"))
        email = form.cleaned_data["email"].lower()
        started, error = sso_services.begin(request=request, email=email, redirect_uri=callback_uri)
        if started is not None:
            return started
        form.add_error("email", error)
    title = "Sign in with your council account"
    response = render(request, "account/sso_sign_in.html", {"title": title, "form": form})
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
    outcome = sso_services.complete(request=request, provider=provider)
    if outcome is None:
        context = {"title": "You could not be signed in"}
        return render(request, "account/sso_failed.html", context, status=400)
    if outcome.user is None:
        context = {"title": "Your request has been sent", "provider": provider}
        return render(request, "account/sso_requested.html", context)
    to_code = f"{reverse('account:mfa')}?{urlencode({'next': reverse('dashboard')})}"
    return redirect("dashboard" if outcome.mfa_by_provider else to_code)
