from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from pulse.core import views as core_views

# The Django admin is for platform admins only, and asks for their second factor.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Leadership Pulse platform administration"

urlpatterns = [
    path("", include("pulse.core.urls")),
    path("", include("pulse.accounts.urls")),
    path("ics/<slug:ics_code>/", include("pulse.organisations.urls")),
    path("ics/<slug:ics_code>/surveys/", include("pulse.surveys.urls")),
    path("ics/<slug:ics_code>/results/", include("pulse.reports.urls")),
    path("ics/<slug:ics_code>/self-assessment/", include("pulse.assessments.urls")),
    path("ics/<slug:ics_code>/action-plan/", include("pulse.actions.urls")),
    path("s/", include("pulse.surveys.urls_respond")),
    path("", include("pulse.reports.urls_national")),  # england/... and regions/<code>/...
    path("api/", include("pulse.api.urls")),
    path("", include("pulse.ideas.urls")),  # ideas/sign-in/... and ics/<ics_code>/ideas/...
    path("django-admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
