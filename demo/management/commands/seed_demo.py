"""Make the demo region: deterministic for a seed, national size with --scale national.

Each app seeds its own (``<app>/demo/``), the ground floor first; all draw from one
``random.Random`` in the same order, so a seed always gives the same data."""

from __future__ import annotations

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import fostering.demo
import placements.demo
import providers.demo
import rcc.demo
from rcc import notifications


class Command(BaseCommand):
    help = "Seed demonstration data (refused unless DEMO_MODE is on, which needs DEBUG)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")

    def handle(self, *args, seed: int, scale: str, **options) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_demo makes known passwords: run it only with DEMO_MODE=1 DEBUG=1."
            )
        rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
        # Without emailing anyone (the services notify as the pages would).
        with notifications.muted(), transaction.atomic():
            rcc.demo.seed_geography(rng, national=scale == "national")
            password, sign_ins = rcc.demo.seed_users(seed, provider=providers.demo.demo_provider())
            council_sign_in = rcc.demo.seed_single_sign_on()
            market = providers.demo.seed(rng, scale=scale)
            placements.demo.seed(rng, market=market)
            fostering.demo.seed(rng)
        self._print_sign_ins(password, sign_ins)
        self.stdout.write("\n".join([*council_sign_in, ""]))

    def _print_sign_ins(self, password: str, sign_ins) -> None:
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Demo sign-ins (password for all: {password})"))
        out.write("The two-factor page shows the current code in demo mode; or add the key")
        out.write("to an authenticator app.")
        width = max(len(s.email) for s in sign_ins)
        for s in sign_ins:
            out.write(f"  {s.email:<{width}}  {s.role}, {s.scope}")
            out.write(f"  {'':<{width}}  authenticator key {s.totp_secret_base32}")
        out.write("")
