"""The database itself refuses UPDATE and DELETE on a contribution's history (PostgreSQL only), like 0005 for
the case access log: an edit keeps the earlier text, and nobody can rewrite what the panel once said."""

from django.db import migrations

from referrals.models.append_only import trigger_operation


class Migration(migrations.Migration):
    dependencies = [("referrals", "0009_profile_language")]

    operations = [trigger_operation("referrals_contributionrevision")]
