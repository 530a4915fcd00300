"""
Build the demo site from nothing (DESIGN §8). Idempotent; refuses production.

Each step lives in its app's ``demo.py``; the order matters because later
steps link to pages that earlier steps created.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

DEMO_STEPS = [
    "home.demo.build_site",
    # Network data first: other sections (referrals, access requests) use the areas and centres.
    "home.demo_network.build_network",
    "referrals.demo.build_users",  # after the network: clinicians belong to member centres
    "referrals.case_demo.build",  # patients and cases of the demo clinician, a panel of expert1 + expert2
    "home.demo_network.build_centres_page",
    "guides.demo.build",  # guides, consent forms, the 2022 paper document
    "faq.demo.build_faq",
    "home.demo_network.build_contact_page",
    "newsletters.demo.build",
    "referrals.demo_referrals.build",  # the eligibility check page, contact points, sample requests
    "home.demo.build_home_links",
]


class Command(BaseCommand):
    help = "Load the demo content and demo users. Safe to run more than once; never in production."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("load_demo refuses to run with these settings (DEMO_DATA_ALLOWED is not set).")
        context = {"stdout": self.stdout, "style": self.style}
        # No outer transaction on purpose: wagtail-localize publishes translations
        # in on_commit callbacks, and deferring them all to one final commit
        # re-publishes stale revisions over later ones. Each step is idempotent,
        # so a failed run is repaired by running the loader again.
        for step in DEMO_STEPS:
            self.stdout.write(f"  {step}")
            import_string(step)(context)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in context.get("logins", []):
            self.stdout.write(line)
