"""Admin URLs, registered under /admin/newsletters/ by wagtail_hooks.register_admin_urls."""

from django.urls import path

from . import views

app_name = "newsletters_admin"

urlpatterns = [
    path("send/<int:page_id>/", views.send_issue, name="send_issue"),
    path("sends/", views.send_list, name="send_list"),
    path("sends/<int:send_id>/", views.send_detail, name="send_detail"),
]
