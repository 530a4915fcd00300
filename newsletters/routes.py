"""
Sub-pages of the newsletter archive (RoutablePageMixin): the feed, the
subscription form and the confirm / unsubscribe pages the e-mails link to.

They live on the archive page so they exist in every language the archive is
translated into, at /<lang>/newsletters/feed/, /<lang>/newsletters/subscribe/ ...
The one-click unsubscribe POST (RFC 8058) cannot live here: mail providers
post without a CSRF token, so it is a separate csrf-exempt view (views.py).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from portal import ratelimit

from .feeds import NewsletterFeed
from .forms import SubscribeForm
from .outcomes import Outcome

ISSUES_PER_PAGE = 12

CONFIRM_MESSAGES = {
    Outcome.CONFIRMED: _("Thank you: your subscription is confirmed. The next issue will reach you."),
    Outcome.ALREADY_CONFIRMED: _("Your subscription was already confirmed. Nothing else to do."),
    Outcome.EXPIRED: _("This confirmation link has expired. Please subscribe again; we will send you a new link."),
    Outcome.INVALID: _(
        "This confirmation link is not valid. It may have been copied incompletely, or the request was "
        "withdrawn. Please subscribe again."
    ),
}
UNSUBSCRIBE_MESSAGES = {
    Outcome.UNSUBSCRIBED: _(
        "You are unsubscribed and your e-mail address has been deleted. You will receive no more newsletters."
    ),
    Outcome.ALREADY_UNSUBSCRIBED: _("You are already unsubscribed. You will receive no more newsletters."),
    Outcome.EXPIRED: _(
        "This unsubscribe link has expired. Please use the link in the most recent newsletter you received, "
        "or contact the helpdesk."
    ),
    Outcome.INVALID: _(
        "This unsubscribe link is not valid. It may have been copied incompletely. Please use the link in the "
        "most recent newsletter you received, or contact the helpdesk."
    ),
}


class NewsletterRoutesMixin:
    def feed_url(self):
        return self.url + self.reverse_subpage("feed")

    def subscribe_url(self):
        return self.url + self.reverse_subpage("subscribe")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.archive_issues().only(
            "id", "title", "slug", "url_path", "locale", "number", "publication_date", "summary", "live",
            "depth", "path",
        ), ISSUES_PER_PAGE)  # fmt: skip
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["feed_url"] = self.feed_url()
        context["subscribe_url"] = self.subscribe_url()
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsletterFeed(self)(request)

    @path("subscribe/", name="subscribe")
    def subscribe(self, request):
        status = 200
        if request.method == "POST":
            form = SubscribeForm(request.POST)
            if not ratelimit.allow_request(request, "newsletter-subscribe", settings.NEWSLETTER_SUBSCRIBE_RATE):
                form = SubscribeForm()
                return self._render(request, "newsletters/subscribe.html", {"form": form, "rate_limited": True}, 429)
            if form.is_valid():
                if not form.is_bot():
                    from .subscriptions import request_subscription

                    request_subscription(form.cleaned_data["email"], form.cleaned_data["language"])
                # The same page for a new, a pending, a confirmed address and a bot: no enumeration.
                return self._render(request, "newsletters/subscribe_done.html", {})
            status = 400
        else:
            form = SubscribeForm()
        return self._render(request, "newsletters/subscribe.html", {"form": form}, status)

    @path("confirm/<str:token>/", name="confirm")
    def confirm(self, request, token):
        from . import subscriptions

        if request.method == "POST":
            outcome = subscriptions.confirm(token)
        else:
            # Mail scanners open links: a GET only shows the button, the POST confirms.
            outcome = subscriptions.check_confirmation(token)
        context = {"kind": "confirm", "outcome": outcome, "message": CONFIRM_MESSAGES.get(outcome)}
        status = 400 if outcome in (Outcome.EXPIRED, Outcome.INVALID) else 200
        return self._render(request, "newsletters/token_action.html", context, status)

    @path("unsubscribe/<str:token>/", name="unsubscribe")
    def unsubscribe(self, request, token):
        from . import subscriptions

        if request.method == "POST":
            outcome = subscriptions.unsubscribe(token)
        else:
            outcome = subscriptions.check_unsubscription(token)
        context = {"kind": "unsubscribe", "outcome": outcome, "message": UNSUBSCRIBE_MESSAGES.get(outcome)}
        status = 400 if outcome in (Outcome.EXPIRED, Outcome.INVALID) else 200
        return self._render(request, "newsletters/token_action.html", context, status)

    def _render(self, request, template, extra, status=200):
        # The page's base context, without the archive listing these sub-pages do not show.
        context = super().get_context(request)
        context.update(extra)
        return TemplateResponse(request, template, context, status=status)
