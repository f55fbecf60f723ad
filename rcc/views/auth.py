"""Sign-in, the second factor, role choice, sign-out and passwords."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from rcc import access, context, ratelimit, services, sso
from rcc.forms.auth import ChooseRoleForm, SignInForm, TokenForm
from rcc.middleware import mfa_not_required
from rcc.presenters.accounts import WRONG_CODE, mfa_page


class SignInView(auth_views.LoginView):
    template_name = "account/login.html"
    authentication_form = SignInForm
    extra_context = {"title": "Sign in"}


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if ok else "/"


@mfa_not_required
@require_http_methods(["GET", "POST"])
def mfa(request: HttpRequest) -> HttpResponse:
    """Ask for the security code; on a user's first visit, set up their authenticator."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device, enrolling = services.totp_device_for(request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        token = form.cleaned_data["token"]
        if services.verify_second_factor(request=request, user=request.user, token=token):
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    context = mfa_page(
        device, enrolling=enrolling, form=form, next_url=_next_url(request), demo=settings.DEMO_MODE
    )
    return render(request, "account/mfa.html", context)


@require_http_methods(["GET", "POST"])
def choose_role(request: HttpRequest) -> HttpResponse:
    memberships = access.memberships_of(request.user)
    current = access.acting_membership(request.user)
    form = ChooseRoleForm(
        request.POST or None,
        memberships=memberships,
        initial={"membership": current.pk if current else None},
    )
    if form.is_valid():
        access.choose_membership(request.session, request.user, form.cleaned_data["membership"])
        messages.success(request, "You have switched role.")
        return redirect("dashboard")
    return render(request, "account/choose_role.html", {"title": "Your roles", "form": form})


def account_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "account/home.html",
        {"title": "Your account", "memberships": access.memberships_of(request.user)},
    )


@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if form.is_valid():
        services.change_password(
            request=request, user=request.user, new_password=form.cleaned_data["new_password1"]
        )
        messages.success(request, "Your password has been changed. Other sessions were signed out.")
        return redirect("account:home")
    return render(
        request, "account/password_change.html", {"title": "Change your password", "form": form}
    )


@mfa_not_required
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the session here; after a council sign-in, also at the council's provider."""
    provider = sso.active_provider(request.session.get(sso.SESSION_PROVIDER))
    id_token = request.session.get(sso.SESSION_ID_TOKEN)
    response = auth_views.LogoutView.as_view()(request)
    if provider is not None and id_token:
        return_to = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
        target = sso.logout_url(provider=provider, id_token=id_token, return_to=return_to)
        if target:
            # A link, not a redirect: CSP's form-action would stop a form's redirect elsewhere.
            return render(
                request,
                "account/sso_signed_out.html",
                {"title": "You have signed out", "provider": provider, "end_session": target},
            )
    return response


_password_reset_form = auth_views.PasswordResetView.as_view(
    template_name="account/password_reset.html",
    email_template_name="account/password_reset_email.txt",
    subject_template_name="account/password_reset_subject.txt",
    success_url="/account/password-reset/sent/",
    extra_context={"title": "Reset your password"},
)
RESETS_PER_ADDRESS = ratelimit.Rate(limit=10, seconds=60 * 60)
RESETS_PER_EMAIL = ratelimit.Rate(limit=3, seconds=60 * 60)


@login_not_required
def password_reset(request: HttpRequest) -> HttpResponse:
    """Reset emails are rate-limited per network address and per email address (C12), so the
    form cannot be used to flood someone's inbox or to probe addresses at speed."""
    if request.method == "POST":
        email = request.POST.get("email", "")[:254]
        address = context.current().ip_address or "unknown"
        if not ratelimit.hit("password-reset-address", address, RESETS_PER_ADDRESS) or (
            email and not ratelimit.hit("password-reset-email", email, RESETS_PER_EMAIL)
        ):
            response = render(request, "account/too_many_resets.html", status=429)
            response["Retry-After"] = str(RESETS_PER_EMAIL.seconds)
            return response
    return _password_reset_form(request)


password_reset_sent = login_not_required(
    auth_views.PasswordResetDoneView.as_view(
        template_name="account/password_reset_sent.html",
        extra_context={"title": "Check your email"},
    )
)
password_reset_confirm = login_not_required(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="account/password_reset_confirm.html",
        success_url="/account/password-reset/complete/",
        extra_context={"title": "Choose a new password"},
    )
)
password_reset_complete = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="account/password_reset_complete.html",
        extra_context={"title": "Your password has been reset"},
    )
)
