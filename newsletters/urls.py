"""Public URLs outside the page tree and outside the language prefix (included from portal/urls.py)."""

from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("one-click-unsubscribe/<str:token>/", views.one_click_unsubscribe, name="one_click_unsubscribe"),
]
