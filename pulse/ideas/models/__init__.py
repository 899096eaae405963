"""The ideas space: challenges, ideas, the pipeline, moderation, notifications, sign-in links."""

from pulse.ideas.models.challenges import Challenge, Stage, StageKind
from pulse.ideas.models.exports import IdeasFile, IdeasFileFormat
from pulse.ideas.models.ideas import Comment, Idea, Report, StageChange, Support
from pulse.ideas.models.notifications import (
    CHOOSABLE_KINDS,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from pulse.ideas.models.sign_in import SignInLink

__all__ = [
    "CHOOSABLE_KINDS",
    "Challenge",
    "Comment",
    "Idea",
    "IdeasFile",
    "IdeasFileFormat",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "Report",
    "SignInLink",
    "Stage",
    "StageChange",
    "StageKind",
    "Support",
]
