"""
URL contract (DESIGN §4). Public and clinical pages are language-prefixed;
/admin/, /healthz, /sitemap.xml and /robots.txt are not.
"""

from allauth.account import views as account_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from portal import views
from portal.sitemaps import MultilingualSitemap

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    # Wagtail's own password-only login form must never be reachable: the
    # second factor would be bypassed (PITFALLS). Route it to allauth first.
    path("admin/login/", account_views.login, name="wagtailadmin_login_via_allauth"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # RFC 8058 one-click unsubscribe: language-independent and csrf-exempt, so not a page route.
    path("newsletters/", include("newsletters.urls")),
]

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("", include("referrals.urls")),
    # Wagtail's login for private pages takes a password alone, past allauth's
    # throttling: answer its URL with allauth's login instead.
    path("_util/login/", account_views.login, name="wagtailcore_login_via_allauth"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
