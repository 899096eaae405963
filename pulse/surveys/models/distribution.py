"""Personal invitations: a wave's participant list, the emails sent to it, the single-use links
and the wording and reminder dates an ICS admin chooses.

Anonymity (DESIGN.md section 6, ADR 0014):

- Nothing here links to a `Response`, and a `Response` links to nothing here.
- A link's token is stored only as its SHA-256 hash (`InvitationToken`); the raw token exists
  only while its email is built.
- "Used" is the existence of an `InvitationUse` row: it carries no time, and its primary key is
  the participant, so a second use is impossible in the database.
- No row here records a time (no `auto_now`), so nothing dates a participant's answer.
- When the wave closes every participant is deleted (with their tokens, emails and use), and
  only the aggregate counts in `Distribution.tallies` are kept.
"""

from django.db import models

from pulse.surveys.models.waves import Wave

DENOMINATOR_FIELDS = ("profession_group", "sector", "place")
MAX_REMINDERS = 3


class Distribution(models.Model):
    """A wave's invitation settings: the wording of its emails and its reminder dates.

    `tallies` is filled when the wave closes: the counts shown after the list is deleted.
    """

    wave = models.OneToOneField(
        Wave, on_delete=models.CASCADE, primary_key=True, related_name="distribution"
    )
    invitation_subject = models.CharField(max_length=200)
    invitation_body = models.TextField()
    reminder_subject = models.CharField(max_length=200)
    reminder_body = models.TextField()
    reminder_dates = models.JSONField(default=list, blank=True)  # ISO dates, at most three
    tallies = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Invitations for {self.wave}"


class Participant(models.Model):
    """One person on a wave's participant list: an email address and, optionally, the groups
    used only as response-rate denominators. Deleted when the wave closes."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="participants")
    email = models.EmailField(max_length=254)  # stored in lower case
    profession_group = models.CharField(max_length=60, blank=True)
    sector = models.CharField(max_length=60, blank=True)
    place = models.CharField(max_length=60, blank=True)
    opted_out = models.BooleanField(default=False)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "email"], name="participant_email_unique")
        ]

    def __str__(self) -> str:
        return f"Participant in {self.wave}"  # never the address: this may reach the audit log


class EmailKind(models.TextChoices):
    INVITATION = "invitation", "Invitation"
    REMINDER_1 = "reminder_1", "First reminder"
    REMINDER_2 = "reminder_2", "Second reminder"
    REMINDER_3 = "reminder_3", "Third reminder"


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be sent"


class InvitationEmail(models.Model):
    """One email to one participant. Unique per participant and kind, so a reminder task that
    runs twice sends nothing twice. Never shown per person: only counted."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # The kind of error only (for example "SMTPServerDisconnected"): never an address.
    error = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "kind"], name="one_email_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"


class InvitationToken(models.Model):
    """The SHA-256 hash of one emailed link's token. Each email carries its own token, so an
    earlier email's link keeps working after a reminder."""

    token_hash = models.CharField(max_length=64, primary_key=True)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="tokens")

    def __str__(self) -> str:
        return "Invitation link"


class InvitationUse(models.Model):
    """The mark that a participant has answered: its primary key is the participant, so the
    database refuses a second one. It records no time and no response."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, primary_key=True, related_name="use"
    )

    def __str__(self) -> str:
        return "Invitation used"
