"""The shape every form page shares: validate, call one service, report, redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from rcc.services import ServiceError


def submit(
    request: HttpRequest,
    form: Any,
    act: Callable[[dict[str, Any]], Any],
    *,
    success_url: str | Callable[[Any], str],
    message: str,
) -> HttpResponse | None:
    """On a valid POST, run ``act``; a ServiceError becomes an error on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = act(form.cleaned_data)
    except ServiceError as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, message)
    return redirect(success_url(result) if callable(success_url) else success_url)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit_text: str,
    back_url: str,
    caption: str = "",
    intro: str = "",
    warning: str = "",
) -> HttpResponse:
    return render(
        request,
        "form_page.html",
        {
            "title": title,
            "form": form,
            "submit_text": submit_text,
            "back_url": back_url,
            "caption": caption,
            "intro": intro,
            "warning": warning,
        },
    )
