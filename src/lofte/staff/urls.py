from django.contrib.auth import views as auth_views
from django.urls import path

from lofte.staff import activities as activity_views
from lofte.staff import dialogue as dialogue_views
from lofte.staff import findings as finding_views
from lofte.staff import audit_views, est_meeting, est_reporting, security, users, views
from lofte.staff import importing as import_views
from lofte.staff import promises as promise_views
from lofte.staff import reports as report_views

# Conventions that the tenancy test relies on (tests/staff/test_tenancy.py enumerates every pattern
# here): name URL parameters after what they identify, e.g. <int:activity_id>, <int:promise_set_id>,
# <int:commitment_id>, <int:membership_id>; every view resolves them through lofte.core.permissions
# so another municipality's object gives 404 or 403.
app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Promise sets: reading, editing, approval (staff/promises.py).
    path("loften/", promise_views.promise_set_list, name="promise_sets"),
    path("loften/ny/", promise_views.promise_set_new, name="promise_set_new"),
    path("loften/<int:promise_set_id>/", promise_views.promise_set_detail, name="promise_set"),
    path("loften/<int:promise_set_id>/andra/", promise_views.promise_set_edit, name="promise_set_edit"),
    path("loften/<int:promise_set_id>/teman/", promise_views.promise_set_themes, name="promise_set_themes"),
    path("loften/<int:promise_set_id>/skicka/", promise_views.promise_set_submit, name="promise_set_submit"),
    path("loften/<int:promise_set_id>/godkann/", promise_views.promise_set_approve, name="promise_set_approve"),
    path("loften/<int:promise_set_id>/aterkalla/", promise_views.promise_set_withdraw, name="promise_set_withdraw"),
    path("loften/<int:promise_set_id>/nytt-lofte/", promise_views.commitment_new, name="commitment_new"),
    path("loften/lofte/<int:commitment_id>/", promise_views.commitment_detail, name="commitment"),
    path("loften/lofte/<int:commitment_id>/andra/", promise_views.commitment_edit, name="commitment_edit"),
    path("loften/lofte/<int:commitment_id>/bedomning/", promise_views.commitment_assess, name="commitment_assess"),
    path("loften/lofte/<int:commitment_id>/indikatorer/", promise_views.commitment_indicators,
         name="commitment_indicators"),
    # Follow-up reports: drafts, texts, approval per party, publication (staff/reports.py).
    path("uppfoljning/", report_views.report_list, name="reports"),
    path("uppfoljning/<int:report_id>/", report_views.report_detail, name="report"),
    path("uppfoljning/<int:report_id>/utkast.pdf", report_views.report_preview_pdf, name="report_preview_pdf"),
    path("uppfoljning/<int:report_id>/skicka/", report_views.report_submit, name="report_submit"),
    path("uppfoljning/<int:report_id>/godkann/", report_views.report_approve, name="report_approve"),
    path("uppfoljning/<int:report_id>/aterkalla/", report_views.report_withdraw, name="report_withdraw"),
    # Recorded work (staff/activities.py).
    path("insatser/", activity_views.activity_list, name="activities"),
    path("insatser/ny/", activity_views.record, name="record"),
    path("insatser/export.csv", activity_views.activity_export, name="activity_export"),
    path("insatser/papperskorg/", activity_views.activity_bin, name="activity_bin"),
    path("insatser/<int:activity_id>/", activity_views.activity_detail, name="activity"),
    path("insatser/<int:activity_id>/andra/", activity_views.activity_edit, name="activity_edit"),
    path("insatser/<int:activity_id>/ta-bort/", activity_views.activity_delete, name="activity_delete"),
    path("insatser/<int:activity_id>/aterstall/", activity_views.activity_restore, name="activity_restore"),
    # Citizen input (redaktörer) and the meeting calendar (registrerare and up): staff/dialogue.py.
    path("synpunkter/", dialogue_views.input_list, name="inputs"),
    path("synpunkter/<int:input_id>/", dialogue_views.input_detail, name="input"),
    path("moten/", dialogue_views.meeting_list, name="meetings"),
    path("moten/nytt/", dialogue_views.meeting_new, name="meeting_new"),
    path("moten/<int:meeting_id>/", dialogue_views.meeting_edit, name="meeting"),
    path("moten/<int:meeting_id>/installt/", dialogue_views.meeting_cancel, name="meeting_cancel"),
    path("moten/<int:meeting_id>/genomfort/", dialogue_views.meeting_held, name="meeting_held"),
    # Findings from safety walks (registrerare and up) and their photos (redaktörer): staff/findings.py.
    path("fynd/", finding_views.finding_list, name="findings"),
    path("fynd/foton/", finding_views.photo_queue, name="photo_queue"),
    path("fynd/vandring/<int:activity_id>/", finding_views.walk_findings, name="walk_findings"),
    path("fynd/vandring/<int:activity_id>/nytt/", finding_views.finding_create, name="finding_create"),
    path("fynd/<int:finding_id>/", finding_views.finding_edit, name="finding_edit"),
    path("fynd/<int:finding_id>/foto/<int:photo_id>/", finding_views.finding_photo, name="finding_photo"),
    path("fynd/<int:finding_id>/foto/<int:photo_id>/godkann/", finding_views.photo_approve, name="photo_approve"),
    path("fynd/<int:finding_id>/foto/<int:photo_id>/ta-bort/", finding_views.photo_delete, name="photo_delete"),
    # EST: rapportörer's reports (also offline), invitations (staff/est_reporting.py).
    path("est/rapportera/", est_reporting.report, name="est_report"),
    path("est/rapportera/skicka/", est_reporting.report_send, name="est_report_send"),
    path("est/rapportera/sw.js", est_reporting.service_worker, name="est_service_worker"),
    path("est/rapporter/<int:est_report_id>/", est_reporting.report_edit, name="est_report_edit"),
    path("est/vecka/", est_meeting.week, name="est_week"),
    path("est/vecka/atgard/", est_meeting.action_new, name="est_action_new"),
    path("est/atgard/<int:action_id>/klar/", est_meeting.action_done, name="est_action_done"),
    path("est/analys/", est_meeting.analysis, name="est_analysis"),
    path("est/analys.csv", est_meeting.analysis_csv, name="est_analysis_csv"),
    path("est/analys.pdf", est_meeting.analysis_pdf, name="est_analysis_pdf"),
    path("est/inbjudningar/", est_reporting.invitation_list, name="est_invitations"),
    path("est/inbjudan/", est_reporting.invitation_accept, name="est_invitation_accept"),
    path("tvastegsverifiering/", security.two_factor, name="two_factor"),
    path("tvastegsverifiering/kod/", security.two_factor_verify, name="two_factor_verify"),
    path("losenord/", security.password_change, name="password_change"),
    path("konto/namn/", security.account_name, name="account_name"),
    path("anvandare/", users.user_list, name="users"),
    path("anvandare/ny/", users.user_add, name="user_add"),
    path("anvandare/<int:membership_id>/", users.membership_edit, name="membership_edit"),
    path("anvandare/<int:membership_id>/ta-bort/", users.membership_remove, name="membership_remove"),
    path("anvandare/<int:membership_id>/aterstall/", users.membership_reset, name="membership_reset"),
    path("anvandare/inbjudan/<int:invitation_id>/aterkalla/", users.invitation_revoke, name="invitation_revoke"),
    path("inbjudningar/", users.invitations, name="invitations"),
    path("logg/", audit_views.audit_log, name="audit_log"),
    # Importing promise documents (redaktörer): staff/importing.py.
    path("importera/", import_views.import_start, name="import_start"),
    path("importera/forhandsgranska/", import_views.import_preview, name="import_preview"),
]
