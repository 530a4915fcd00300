"""Signal handlers wired in apps.py."""

import logging

logger = logging.getLogger(__name__)

EDITOR_GROUP_NAMES = ["Editors", "Moderators"]
EDITOR_PERMISSIONS = ["send_newsletter", "view_subscriber", "change_subscriber", "delete_subscriber"]


def count_erased_subscriber(sender, instance, **kwargs):
    """Every removed subscriber becomes +1 in an anonymous monthly count, and nothing else."""
    from .models import SubscriberErasure
    from .subscriptions import count_erasure

    count_erasure(instance.language, getattr(instance, "_erasure_reason", SubscriberErasure.Reason.DELETED))


def grant_editor_permissions(sender, **kwargs):
    """Editors (Wagtail's "Editors" and "Moderators" groups) may send issues and manage subscribers."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    # Our receiver can run before auth's own one for this app: make sure the rows exist.
    if sender is not None:
        create_permissions(sender, verbosity=0, using=using)
    permissions = list(
        Permission.objects.using(using).filter(content_type__app_label="newsletters", codename__in=EDITOR_PERMISSIONS)
    )
    for group in Group.objects.using(using).filter(name__in=EDITOR_GROUP_NAMES):
        group.permissions.add(*permissions)


def resume_sends_on_worker_start(sender=None, **kwargs):
    from .tasks import resume_sends

    logger.info("Worker started: resuming unfinished newsletter sends")
    resume_sends.delay()
