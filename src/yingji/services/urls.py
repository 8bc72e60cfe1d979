from django.urls import path

from . import views, views_exams, views_exports

app_name = "services"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<uuid:uuid>/", views.case_detail, name="case"),
    path("cases/<uuid:uuid>/step/", views.case_step, name="case-step"),
    path("cases/<uuid:uuid>/documents/", views.case_document, name="case-document"),
    path("cases/<uuid:uuid>/messages/", views.case_message, name="case-message"),
    path("cases/<uuid:uuid>/drills/", views.case_drill, name="case-drill"),
    path("cases/<uuid:uuid>/filing-form.docx", views.filing_form, name="filing-form"),
    path("filings/new/", views.filing_new, name="filing-new"),
    path("licences/", views.licence_list, name="licences"),
    path("licences/new/", views.licence_new, name="licence-new"),
    path("licences/<uuid:uuid>/certificate.docx", views_exports.licence_certificate, name="licence-certificate"),
    path("commitment/", views.commitment, name="commitment"),
    path("credit/", views.credit_list, name="credit"),
    path("credit/records.xlsx", views_exports.credit_xlsx, name="credit-xlsx"),
    path("credit/adjust/", views_exports.adjust_supervision, name="credit-adjust"),
    path("cases.xlsx", views_exports.cases_xlsx, name="cases-xlsx"),
    path("commitments.xlsx", views_exports.commitments_xlsx, name="commitments-xlsx"),
    path("credit/<str:code>/", views.credit_detail, name="credit-enterprise"),
    path("accounts/", views.accounts_page, name="accounts"),
    path("accounts/<uuid:uuid>/<str:action>/", views.account_action, name="account-action"),
    path("exams/<uuid:uuid>/start/", views.exam_start, name="exam-start"),
    path("exam-sessions/", views_exams.session_list, name="exam-sessions"),
    path("exam-sessions/new/", views_exams.session_new, name="exam-session-new"),
    path("exam-sessions/<uuid:uuid>/", views_exams.session_detail, name="exam-session"),
    path("exam-sessions/<uuid:uuid>/confirm-all/", views_exams.session_confirm_all, name="exam-session-confirm-all"),
    path("exam-sessions/<uuid:uuid>/take/", views_exams.session_take, name="exam-session-take"),
    path("exam-signups/<uuid:uuid>/certificate.docx", views_exams.signup_certificate, name="exam-signup-certificate"),
    path("exam-signups/<uuid:uuid>/<str:action>/", views_exams.signup_action, name="exam-signup-action"),
    path("lookup/", views.lookup, name="lookup"),
    path("public/credit/", views.public_credit, name="public-credit"),
]
