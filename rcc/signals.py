"""Authentication events: stamp the session and write the audit trail (cross-cutting)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from rcc import audit


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    now = timezone.now().isoformat()
    if request is not None and hasattr(request, "session"):
        request.session["signed_in_at"] = now
        request.session["seen_at"] = now
    audit.record(actor=user, action="auth.signed_in", obj=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(actor=user, action="auth.signed_out", obj=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    audit.record(actor=None, action="auth.sign_in_failed", object_type="rcc.user")


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit.record(actor=None, action="auth.locked_out", object_type="rcc.user")
