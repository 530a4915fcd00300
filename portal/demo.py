"""
Helpers for the demo loader (`manage.py load_demo`).

Each app has a ``demo.py`` with functions that build its part of the demo
site. They must be idempotent: running the loader twice changes nothing the
second time. Translations go through wagtail-localize (a TranslationSource
and a Translation per locale), so editors can keep them in sync afterwards.
"""

import json
import os
import uuid

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

DEMO_LANGUAGES = ["de", "fr", "it", "es"]
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD") or "demo-password-2026"
DEMO_TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET") or "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_USERS = [
    ("editor@demo.example", "CMS editor"),
    ("coordinator@demo.example", "network coordinator"),
    ("clinician@demo.example", "member clinician (owner of demo cases)"),
    ("expert1@demo.example", "member clinician, panel member"),
    ("expert2@demo.example", "member clinician, panel member"),
    ("guest@demo.example", "guest clinician, expires 30 days after loading"),
    ("helpdesk@demo.example", "helpdesk"),
]


def ensure_locales():
    """One Locale per official EU language (content languages)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def translate(instance, language_code, strings):
    """Create or update the translation of a page or snippet into one language.

    ``strings`` maps each English source string to its translation. Strings
    that are not in the map keep the English text (wagtail-localize's
    fallback). Returns the translated instance, published.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    target_locale = locale(language_code)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    changed = False
    for entry in po:
        wanted = strings.get(entry.msgid)
        if wanted and entry.msgstr != wanted:
            entry.msgstr = wanted
            changed = True
    if changed:
        translation.import_po(po)
    translation.save_target(publish=True)
    translated = instance.get_translation(target_locale)
    # wagtail-localize publishes pages and snippets in transaction.on_commit;
    # the loader runs in one transaction (and tests never commit), so publish
    # the new revision now to leave a live translation either way.
    revision = getattr(translated, "latest_revision", None)
    if revision is not None and (not translated.live or translated.has_unpublished_changes):
        revision.publish()
        translated.refresh_from_db()
    return translated


def publish(page):
    """Save a page's latest content as a published revision."""
    page.save_revision().publish()
    return page


def get_or_create_child(parent, model, slug, **fields):
    """Find the child page of ``parent`` with ``slug`` (in the parent's locale) or create it.

    Existing pages are updated with ``fields`` and republished, so a second
    run of the loader leaves one page with the latest demo content.
    """
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        for name, value in fields.items():
            setattr(page, name, value)
        return publish(page)
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return publish(page)


def stable_id(*parts):
    """A block id that is the same on every run, so re-running the loader does not
    make wagtail-localize see new segments (it keys translations by block id)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "ern-demo:" + ":".join(str(p) for p in parts)))


def list_items(values, *key):
    """ListBlock raw data in Wagtail's current format, with stable item ids."""
    return [{"type": "item", "value": value, "id": stable_id(*key, index)} for index, value in enumerate(values)]


def stream(*blocks):
    """StreamField raw data from (block_type, value, key) triples, with stable ids."""
    return json.dumps([{"type": kind, "value": value, "id": stable_id(key)} for kind, value, key in blocks])
