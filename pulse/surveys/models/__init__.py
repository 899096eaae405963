"""Instruments (versioned questionnaires), waves (one run of one version in one ICS),
responses and the drafts kept for save and resume; participant lists, invitations and imports.

Anonymity (DESIGN.md section 6) is built into the schema: a Response has a random UUID, a date
but no time, and no link to an invitation, a participant, a user, a session, a draft or an
address.
"""

from pulse.surveys.models.distribution import (
    DENOMINATOR_FIELDS,
    MAX_REMINDERS,
    Distribution,
    EmailKind,
    EmailStatus,
    InvitationEmail,
    InvitationToken,
    InvitationUse,
    Participant,
)
from pulse.surveys.models.imports import ResultsMapping, ResultsUpload
from pulse.surveys.models.instruments import Instrument, InstrumentVersion, Question, Section
from pulse.surveys.models.waves import (
    Response,
    ResponseDraft,
    ResponseQuerySet,
    ResponseSource,
    Wave,
    WaveStatus,
)

__all__ = [
    "DENOMINATOR_FIELDS",
    "MAX_REMINDERS",
    "Distribution",
    "EmailKind",
    "EmailStatus",
    "Instrument",
    "InstrumentVersion",
    "InvitationEmail",
    "InvitationToken",
    "InvitationUse",
    "Participant",
    "Question",
    "Response",
    "ResponseDraft",
    "ResponseQuerySet",
    "ResponseSource",
    "ResultsMapping",
    "ResultsUpload",
    "Section",
    "Wave",
    "WaveStatus",
]
