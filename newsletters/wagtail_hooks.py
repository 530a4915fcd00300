"""Admin integration: the "Send to subscribers" page action, the sends report, and the subscribers listing."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .models import NewsletterIssuePage, Subscriber
from .views import SEND_PERMISSION


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [path("newsletters/", include(admin_urls, namespace="newsletters_admin"))]


class SendNewsletterMenuItem(ActionMenuItem):
    """In the page editor's action menu of a published issue: leads to the confirmation screen."""

    label = _("Send to subscribers…")
    name = "action-send-newsletter"
    icon_name = "mail"
    order = 900

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and isinstance(page, NewsletterIssuePage)
            and page.live
            and context["request"].user.has_perm(SEND_PERMISSION)
        )

    def get_url(self, parent_context):
        return reverse("newsletters_admin:send_issue", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_newsletter_menu_item():
    return SendNewsletterMenuItem()


class SendsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEND_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_sends_menu_item():
    return SendsMenuItem(_("Newsletter sends"), reverse("newsletters_admin:send_list"), icon_name="mail", order=310)


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds subscribers by hand: only the double opt-in creates them."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Newsletter subscribers")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["email", "language", "status", "confirmed_at", "created_at"]
    list_filter = ["language", "status"]
    search_fields = ["email"]
    search_backend_name = None  # plain database search on the address
    list_export = ["email", "language", "status", "consented_at", "confirmed_at", "created_at"]
    export_filename = "newsletter-subscribers"
    list_per_page = 50
    ordering = ["-created_at"]
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("language"),
        FieldPanel("status", read_only=True),
        FieldPanel("consented_at", read_only=True),
        FieldPanel("confirmed_at", read_only=True),
    ]

    @property
    def permission_policy(self):
        return SubscriberPermissionPolicy(self.model)


register_snippet(SubscriberViewSet)
