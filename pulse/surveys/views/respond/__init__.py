"""The anonymous respondent journey (mounted at /s/): start, one section per page, check your
answers, submit and confirmation, with save and resume. No account is needed."""

from pulse.surveys.views.respond.answering import check, section, submit
from pulse.surveys.views.respond.entry import done, resume, saved, start
from pulse.surveys.views.respond.invitations import follow_invitation, stop_emails, unsubscribe

__all__ = [
    "check",
    "done",
    "follow_invitation",
    "resume",
    "saved",
    "section",
    "start",
    "stop_emails",
    "submit",
    "unsubscribe",
]
