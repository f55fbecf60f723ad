"""Ofsted's judgements in words."""

from __future__ import annotations

from providers.models import Judgement


def judgement(value: int | None) -> str:
    return Judgement(value).label if value else "Not yet inspected"
