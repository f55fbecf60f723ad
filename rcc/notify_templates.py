"""Every GOV.UK Notify email template the service uses, and the personalisation each takes.

One place to read when setting up a Notify service: make each template there, with exactly
these ``((placeholders))``, and give its id in the setting named here. ``rcc.tasks.send_email``
refuses personalisation a template does not declare, so the two cannot drift apart.

Every hand-off (``rcc.notifications``) sends the one "message" template: the service writes
the subject and the body (which says what to do next and ends with the page's link), so the
wording is reviewed in code, beside the in-app notification that says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotifyTemplate:
    name: str
    id_setting: str  # the Django setting (and environment variable) holding the template id
    personalisation: tuple[str, ...]
    example: str  # what to paste into Notify's template editor


MESSAGE = NotifyTemplate(
    name="message",
    id_setting="NOTIFY_TEMPLATE_ID",
    personalisation=("subject", "body"),
    example="Subject: ((subject))\nBody: ((body))",
)

TEMPLATES: dict[str, NotifyTemplate] = {t.name: t for t in (MESSAGE,)}


def template_id(template: NotifyTemplate) -> str:
    from django.conf import settings

    return getattr(settings, template.id_setting)


def personalisation(template: NotifyTemplate, **values: str) -> dict[str, str]:
    """The template's personalisation, checked: every placeholder given, nothing else."""
    if set(values) != set(template.personalisation):
        raise ValueError(
            f"Notify template {template.name} takes {sorted(template.personalisation)}, "
            f"not {sorted(values)}"
        )
    return dict(values)
