"""Print the demo sign-ins, so `make run` tells a developer how to get in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS


class Command(BaseCommand):
    help = "List the demo users that exist in this database, with the demo password and TOTP secret."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            return
        existing = set(
            get_user_model()
            .objects.filter(email__in=[email for email, _ in DEMO_USERS])
            .values_list("email", flat=True)
        )
        self.stdout.write("")
        self.stdout.write("Demo sign-ins (local only; these users never exist in production):")
        for email, role in DEMO_USERS:
            if email in existing:
                self.stdout.write(f"  {email:<28} {role}")
        if not existing:
            self.stdout.write("  (no demo users yet: run `python manage.py load_demo`)")
        self.stdout.write(f"  password:    {DEMO_PASSWORD}")
        self.stdout.write(f"  TOTP secret: {DEMO_TOTP_SECRET}  (add it to any authenticator app)")
        self.stdout.write("")
        self.stdout.write("Serving on http://127.0.0.1:8000/ (set PORT to change it).")
