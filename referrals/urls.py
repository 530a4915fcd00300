"""Clinical workspace URLs (language-prefixed): access, cases, coordination. Objects by UUID."""

from django.urls import path

from .views import access, cases, coordination, discussion, documents, notifications, panels, referral_triage, workspace

app_name = "referrals"
urlpatterns = [
    path("access/", access.access_request, name="access_request"),
    path("cases/", workspace.dashboard, name="workspace"),
    path("cases/list/", cases.case_list, name="case_list"),
    path("cases/notifications/", notifications.notification_list, name="notification_list"),
    path("cases/notifications/read-all/", notifications.notification_read_all, name="notification_read_all"),
    path("cases/notifications/<uuid:notification_uuid>/", notifications.notification_open, name="notification_open"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/patients/new/", cases.patient_new, name="patient_new"),
    path("cases/patients/<uuid:uuid>/", cases.patient_detail, name="patient_detail"),
    path("cases/<uuid:uuid>/", cases.case_detail, name="case_detail"),
    path("cases/<uuid:uuid>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<uuid:uuid>/consent/", cases.case_consent, name="case_consent"),
    path("cases/<uuid:uuid>/consent/<uuid:consent_uuid>/withdraw/", cases.consent_withdraw, name="consent_withdraw"),
    path(
        "cases/<uuid:uuid>/consent/<uuid:consent_uuid>/signed-form/",
        cases.consent_form_download,
        name="consent_form_download",
    ),
    path("cases/<uuid:uuid>/submit/", cases.case_submit, name="case_submit"),
    path("cases/<uuid:uuid>/withdraw/", cases.case_withdraw, name="case_withdraw"),
    path("cases/<uuid:uuid>/reject/", cases.case_reject, name="case_reject"),
    path("cases/<uuid:uuid>/access-log/", cases.case_access_log, name="case_access_log"),
    path("cases/<uuid:uuid>/export/", cases.case_export, name="case_export"),
    # Documents and imaging (views/documents.py)
    path("cases/<uuid:uuid>/documents/new/", documents.document_new, name="document_new"),
    path("cases/<uuid:uuid>/uploads/", documents.upload_create, name="upload_create"),
    path("cases/<uuid:uuid>/uploads/<uuid:upload_uuid>/", documents.upload_chunk, name="upload_chunk"),
    path("cases/<uuid:uuid>/uploads/<uuid:upload_uuid>/complete/", documents.upload_complete, name="upload_complete"),
    path("cases/<uuid:uuid>/documents/<uuid:document_uuid>/", documents.document_detail, name="document_detail"),
    path(
        "cases/<uuid:uuid>/documents/<uuid:document_uuid>/download/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "cases/<uuid:uuid>/documents/<uuid:document_uuid>/preview/", documents.document_preview, name="document_preview"
    ),
    path("cases/<uuid:uuid>/documents/<uuid:document_uuid>/delete/", documents.document_delete, name="document_delete"),
    # Panels (views/panels.py)
    path("cases/<uuid:uuid>/panel/", panels.panel_manage, name="panel_manage"),
    path("cases/<uuid:uuid>/panel/<uuid:membership_uuid>/lead/", panels.panel_make_lead, name="panel_make_lead"),
    path("cases/<uuid:uuid>/panel/<uuid:membership_uuid>/remove/", panels.panel_remove, name="panel_remove"),
    path("cases/<uuid:uuid>/invitation/", panels.panel_invitation, name="panel_invitation"),
    # Discussion (views/discussion.py)
    path("cases/<uuid:uuid>/discussion/new/", discussion.contribution_new, name="contribution_new"),
    path(
        "cases/<uuid:uuid>/discussion/<uuid:contribution_uuid>/edit/",
        discussion.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "cases/<uuid:uuid>/discussion/<uuid:contribution_uuid>/history/",
        discussion.contribution_history,
        name="contribution_history",
    ),
    path(
        "cases/<uuid:uuid>/information-requests/new/",
        discussion.information_request_new,
        name="information_request_new",
    ),
    path(
        "cases/<uuid:uuid>/information-requests/<uuid:request_uuid>/answer/",
        discussion.information_request_answer,
        name="information_request_answer",
    ),
    path("coordination/", coordination.index, name="coordination"),
    path("coordination/access/", coordination.access_request_list, name="access_request_list"),
    path("coordination/access/<uuid:uuid>/", coordination.access_request_detail, name="access_request_detail"),
    path("coordination/accounts/", coordination.account_list, name="account_list"),
    path("coordination/accounts/<uuid:uuid>/", coordination.account_detail, name="account_detail"),
    path(
        "coordination/accounts/<uuid:uuid>/reset-second-factor/",
        coordination.account_reset_second_factor,
        name="account_reset_second_factor",
    ),
    path("coordination/accounts/<uuid:uuid>/extend/", coordination.account_extend_guest, name="account_extend_guest"),
    path("coordination/referrals/", referral_triage.referral_list, name="referral_list"),
    path("coordination/referrals/statistics/", referral_triage.referral_statistics, name="referral_statistics"),
    path(
        "coordination/referrals/statistics.csv",
        referral_triage.referral_statistics_csv,
        name="referral_statistics_csv",
    ),
    path("coordination/referrals/<uuid:uuid>/", referral_triage.referral_detail, name="referral_detail"),
    path("coordination/audit/", coordination.audit_log, name="audit_log"),
    path("coordination/audit/export.csv", coordination.audit_log_csv, name="audit_log_csv"),
]
