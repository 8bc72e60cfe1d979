from django.urls import path

from . import api

urlpatterns = [
    path("cases/", api.CaseListView.as_view(), name="api-services-cases"),
    path("cases/<uuid:uuid>/", api.CaseDetailView.as_view(), name="api-services-case"),
    path("cases/<uuid:uuid>/transitions/", api.CaseTransitionView.as_view(), name="api-services-case-step"),
    path("cases/<uuid:uuid>/documents/", api.CaseDocumentsView.as_view(), name="api-services-case-documents"),
    path("cases/<uuid:uuid>/messages/", api.CaseMessagesView.as_view(), name="api-services-case-messages"),
    path("cases/<uuid:uuid>/filing-form/", api.FilingFormView.as_view(), name="api-services-filing-form"),
    path("cases/<uuid:uuid>/drills/", api.DrillView.as_view(), name="api-services-drills"),
    path("filings/", api.FilingCreateView.as_view(), name="api-services-filings"),
    path("licence-applications/", api.LicenceCreateView.as_view(), name="api-services-licence-applications"),
    path("lookup/<str:number>/", api.LookupView.as_view(), name="api-services-lookup"),
    path("portal/", api.PortalView.as_view(), name="api-services-portal"),
    path("commitments/", api.CommitmentView.as_view(), name="api-services-commitments"),
    path("commitments/missing/", api.MissingCommitmentsView.as_view(), name="api-services-commitments-missing"),
    path("credit/", api.CreditListView.as_view(), name="api-services-credit"),
    path("credit/<str:code>/", api.CreditDetailView.as_view(), name="api-services-credit-enterprise"),
    path("credit/<str:code>/events/", api.CreditEventView.as_view(), name="api-services-credit-events"),
    path("credit/<str:code>/lists/", api.ListEntryView.as_view(), name="api-services-credit-lists"),
    path("list-entries/<uuid:uuid>/exit/", api.ListExitView.as_view(), name="api-services-list-exit"),
]
