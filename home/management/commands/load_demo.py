"""
Build the demo site from nothing (DESIGN §8). Idempotent; refuses production.

Each step lives in its app's ``demo.py``; the order matters because later
steps link to pages that earlier steps created.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

DEMO_STEPS = [
    "home.demo.build_site",
    "home.demo.build_home_links",
]


class Command(BaseCommand):
    help = "Load the demo content and demo users. Safe to run more than once; never in production."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("load_demo refuses to run with these settings (DEMO_DATA_ALLOWED is not set).")
        context = {"stdout": self.stdout, "style": self.style}
        with transaction.atomic():
            for step in DEMO_STEPS:
                self.stdout.write(f"  {step}")
                import_string(step)(context)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in context.get("logins", []):
            self.stdout.write(line)
