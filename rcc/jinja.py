"""The Jinja2 environment: templates/ first, then govuk-frontend-jinja's macros."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from rcc import access
from rcc.kit.format import count, format_date, format_datetime, money, number, percent, share, tag
from rcc.kit.govuk import error_summary_params, field_params
from rcc.presenters.navigation import navigation_for


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def unread_notifications(request: Any) -> int:
    """The signed-in person's unread count for the header: one query a request, at most."""
    if not hasattr(request, "_unread_notifications"):
        mine = access.notifications_for(request.user)
        request._unread_notifications = mine.filter(read_at__isnull=True).count()
    return request._unread_notifications


def environment(**options: Any) -> Environment:
    own = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [
            own,
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)  # noqa: S701 (autoescape is set by Django's backend options)
    env.globals.update(
        static=static,
        url=url,
        can=access.can,
        acting_membership=access.acting_membership,
        navigation_for=navigation_for,
        unread_notifications=unread_notifications,
        get_messages=messages.get_messages,
        # One way to write figures on every page (rcc.kit.format).
        money=money,
        share=share,
        percent=percent,
        count=count,
        number=number,
        tag=tag,
        field=field_params,
        error_summary=error_summary_params,
    )
    env.filters.update(
        datetime=format_datetime,
        date=format_date,
    )
    return env
