"""The anonymous respondent journey (mounted at /s/): start, one section per page, check your
answers, submit and confirmation, with save and resume. No account is needed."""

from pulse.surveys.views.respond.answering import check, section, submit
from pulse.surveys.views.respond.entry import done, resume, saved, start

__all__ = ["check", "done", "resume", "saved", "section", "start", "submit"]
