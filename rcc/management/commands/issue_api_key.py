"""Issue an API key for a user's membership; the key is printed once and never stored."""

from django.core.management.base import BaseCommand, CommandError

from rcc.api_keys import issue_api_key
from rcc.models import Membership
from rcc.services import ServiceError


class Command(BaseCommand):
    help = "Issue an API key acting in a user's (first, or --role) membership."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="API client")
        parser.add_argument("--role", help="which of the user's roles the key acts in")

    def handle(self, *args, email: str, name: str, role: str | None, **options) -> None:
        memberships = Membership.objects.filter(user__email=email.lower(), user__is_active=True)
        if role:
            memberships = memberships.filter(role=role)
        membership = memberships.order_by("id").first()
        if membership is None:
            raise CommandError(f"No active user {email} with that role")
        try:
            _key, secret = issue_api_key(actor=None, membership=membership, name=name)
        except ServiceError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"API key for {email} as {membership} (shown once; keep it secret):")
        self.stdout.write(secret)
