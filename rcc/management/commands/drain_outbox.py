"""Send the queued work that waited in the outbox while the broker was down."""

from django.core.management.base import BaseCommand, CommandError

from rcc import outbox


class Command(BaseCommand):
    help = "Send waiting outbox messages to the broker (beat also does this every minute)."

    def handle(self, *args, **options) -> None:
        result = outbox.drain()
        self.stdout.write(f"Sent {result.sent}; {result.waiting} still waiting.")
        if result.refused:
            raise CommandError("The broker refused a message; the rest wait for the next drain.")
