"""The anonymous respondent journey (mounted at /s/). A wave is found by its link's slug."""

from django.urls import path

from pulse.surveys.views import respond

app_name = "respond"

urlpatterns = [
    # Personal links: the token is in the query string, exchanged at once for the session.
    path("invitation/", respond.follow_invitation, name="invitation"),
    path("invitation/unsubscribe/", respond.unsubscribe, name="unsubscribe"),
    path("invitation/stop-emails/", respond.stop_emails, name="stop_emails"),
    path("<slug:slug>/", respond.start, name="start"),
    path("<slug:slug>/section/<int:number>/", respond.section, name="section"),
    path("<slug:slug>/check/", respond.check, name="check"),
    path("<slug:slug>/submit/", respond.submit, name="submit"),
    path("<slug:slug>/done/", respond.done, name="done"),
    path("<slug:slug>/saved/", respond.saved, name="saved"),
    path("<slug:slug>/resume/<str:token>/", respond.resume, name="resume"),
]
