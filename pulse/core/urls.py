from django.urls import path

from pulse.core import views

app_name = "core"

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("platform/audit-log/", views.audit_log, name="audit_log"),
]
