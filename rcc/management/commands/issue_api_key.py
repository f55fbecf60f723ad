"""Issue an API key for a user's membership; the key is printed once and never stored."""

from django.core.management.base import BaseCommand, CommandError

from rcc.selectors import membership_for_new_key
from rcc.services import ServiceError, issue_api_key


class Command(BaseCommand):
    help = "Issue an API key acting in a user's (first, or --role) membership."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="API client")
        parser.add_argument("--role", help="which of the user's roles the key acts in")

    def handle(self, *args, email: str, name: str, role: str | None, **options) -> None:
        membership = membership_for_new_key(email, role)
        if membership is None:
            raise CommandError(f"No active user {email} with that role")
        try:
            _key, secret = issue_api_key(actor=None, membership=membership, name=name)
        except ServiceError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"API key for {email} as {membership} (shown once; keep it secret):")
        self.stdout.write(secret)
