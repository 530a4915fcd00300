"""RSS 2.0 feed of one archive's issues, so of one language (/<lang>/newsletters/feed/)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 20


class NewsletterFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        # Django reads ``language`` as a plain attribute, not a method.
        self.language = archive.locale.language_code

    def title(self):
        return self.archive.title

    def link(self):
        return self.archive.url

    def description(self):
        return self.archive.introduction or self.archive.title

    def feed_url(self):
        return self.archive.feed_url()

    def items(self):
        return list(self.archive.issues()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        # Stable across edits and renames, and distinct per language.
        return f"newsletter-issue-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.publication_date, datetime.time(8, 0)))
