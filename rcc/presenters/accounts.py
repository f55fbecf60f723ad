"""What the second-factor page shows: the enrolment QR code and secret, the demo's code."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django_otp.oath import TOTP

WRONG_CODE = "The security code is wrong or has been used. Enter the current code"


def mfa_page(device: Any, *, enrolling: bool, form: Any, next_url: str, demo: bool) -> dict:
    context = {
        "title": "Set up two-factor authentication" if enrolling else "Enter your security code",
        "form": form,
        "enrolling": enrolling,
        "next": next_url,
    }
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = b32encode(device.bin_key).decode()
    if demo:
        context["demo_code"] = current_code(device)
    return context


def current_code(device: Any) -> str:
    """Demo only (DEMO_MODE refuses to start without DEBUG): today's code, to save a phone."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
