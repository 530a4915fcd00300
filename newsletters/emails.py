"""
E-mail content: the issue in each language (HTML + plain text) and the
subscription e-mails.

An issue is rendered once per language and reused for every recipient of a
batch; only the personal unsubscribe link is substituted per message. Every
relative link and image in the body is made absolute on settings.BASE_URL, so
images load from our own host and nowhere else.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import links

UNSUBSCRIBE_PLACEHOLDER = "NEWSLETTER-UNSUBSCRIBE-LINK-PLACEHOLDER"
_RELATIVE_URL_RE = re.compile(r'(\s(?:src|href)=")(/(?!/)[^"]*)"')
_SRCSET_RE = re.compile(r'(\ssrcset=")([^"]*)"')


def network_name():
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).network_name if site else settings.WAGTAIL_SITE_NAME


def absolutize(html):
    """Make every root-relative src/href/srcset absolute on our own host."""
    base = settings.BASE_URL.rstrip("/")
    html = _RELATIVE_URL_RE.sub(lambda m: f'{m.group(1)}{base}{m.group(2)}"', html)

    def fix_srcset(match):
        parts = []
        for candidate in match.group(2).split(","):
            candidate = candidate.strip()
            if candidate.startswith("/") and not candidate.startswith("//"):
                candidate = base + candidate
            parts.append(candidate)
        return f'{match.group(1)}{", ".join(parts)}"'

    return _SRCSET_RE.sub(fix_srcset, html)


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "section", "aside", "figure", "figcaption", "ul", "ol", "table", "tr", "header", "footer"}
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"style", "script", "head", "title"}:
            self.skip += 1
        elif tag in self.BLOCKS or tag in self.HEADINGS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
        elif tag == "img" and attrs.get("alt"):
            self.parts.append(f"[{attrs['alt']}]")

    def handle_endtag(self, tag):
        if tag in {"style", "script", "head", "title"}:
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self.parts.append(f" <{href}>")
        elif tag in self.BLOCKS or tag in self.HEADINGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self):
        text = "".join(self.parts)
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n[ \t]+", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(html):
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text()


@dataclass(frozen=True)
class Edition:
    """One issue rendered in one language, ready to be personalised."""

    page_id: int
    language: str
    subject: str
    html: str
    text: str

    def message(self, *, to, unsubscribe_url, one_click_url, message_id, connection=None):
        headers = {
            "List-Unsubscribe": f"<{one_click_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": message_id,
            "Content-Language": self.language,
        }
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[to],
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(self.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe_url)), "text/html")
        return message


def render_edition(issue, archive):
    """Render ``issue`` (a live NewsletterIssuePage in its own language) for e-mail."""
    language = issue.locale.language_code
    with translation.override(language):
        name = network_name()
        subject = _("%(network)s newsletter no. %(number)s: %(title)s") % {
            "network": name,
            "number": issue.number,
            "title": issue.title,
        }
        context = {
            "issue": issue,
            "network_name": name,
            "subject": subject,
            "issue_url": links.absolute(links.page_path(issue)),
            "archive_url": links.absolute(links.page_path(archive)) if archive else "",
            "pdf_url": links.absolute(issue.pdf_edition.url) if issue.pdf_edition_id and issue.pdf_edition else "",
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "language": language,
        }
        body_html = absolutize(render_to_string("newsletters/email/issue_body.html", context))
        context["body_html"] = body_html
        context["body_text"] = html_to_text(body_html)
        html = render_to_string("newsletters/email/issue.html", context)
        text = render_to_string("newsletters/email/issue.txt", context)
    return Edition(page_id=issue.pk, language=language, subject=subject, html=html, text=text)


def subscription_message(subscriber, kind):
    """The confirmation e-mail (kind "confirm") or the "you are already subscribed" notice."""
    archive = links.archive_for_language(subscriber.language)
    language = archive.locale.language_code if archive else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "network_name": network_name(),
            "confirm_url": links.confirm_url(subscriber, archive) if kind == "confirm" else "",
            "unsubscribe_url": links.unsubscribe_url(subscriber, archive) if kind != "confirm" else "",
            "confirm_days": max(1, round(_confirm_max_age() / 86400)),
        }
        subject = render_to_string(f"newsletters/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"newsletters/email/{kind}.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.NEWSLETTER_FROM_EMAIL, to=[subscriber.email])


def _confirm_max_age():
    from . import tokens

    return tokens.max_age(tokens.CONFIRM)
