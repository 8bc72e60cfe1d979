from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("", views.partners, name="partners"),
    path("partners/new/", views.partner_new, name="partner-new"),
    path("partners/<uuid:uuid>/", views.partner, name="partner"),
    path("partners/<uuid:uuid>/toggle/", views.partner_toggle, name="partner-toggle"),
    path("partners/<uuid:uuid>/reads/", views.reads_set, name="reads-set"),
    path("partners/<uuid:uuid>/keys/", views.key_new, name="key-new"),
    path("partners/<uuid:uuid>/keys/rotate/", views.key_rotate, name="key-rotate"),
    path("partners/<uuid:uuid>/keys/<uuid:key>/revoke/", views.key_revoke, name="key-revoke"),
    path("partners/<uuid:uuid>/subscriptions/", views.subscription_new, name="subscription-new"),
    path("partners/<uuid:uuid>/subscriptions/<uuid:subscription>/delete/", views.subscription_delete,
         name="subscription-delete"),
    path("partners/<uuid:uuid>/feeds/", views.feed_new, name="feed-new"),
    path("feeds/", views.feed_list, name="feeds"),
    path("feeds/<uuid:uuid>/pull/", views.feed_pull, name="feed-pull"),
    path("log/", views.log, name="log"),
    path("dead/", views.dead, name="dead"),
    path("dead/<uuid:uuid>/retry/", views.dead_retry, name="dead-retry"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("documents/", views.documents, name="documents"),
]
