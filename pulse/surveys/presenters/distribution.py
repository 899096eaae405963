"""Display values for personal invitations: the participant list, the emails and their preview,
and the fieldwork page. Every count is rounded to the nearest 5 and hidden below 10; nothing is
ever shown about one person's answering."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString
from markupsafe import Markup

from pulse.core.formatting import nhs_date
from pulse.organisations.presenters import action_links
from pulse.surveys.models import EmailKind, EmailStatus, Participant, Wave, WaveStatus
from pulse.surveys.services.invitations import email_text, email_values
from pulse.surveys.services.responses import acceptance
from pulse.surveys.wording import PLACEHOLDERS

FIELD_LABELS = {"profession_group": "Profession group", "sector": "Sector", "place": "Place"}
HIDDEN = "Fewer than 10"
EXAMPLE_TOKEN = "EXAMPLE-PERSONAL-LINK"  # noqa: S105 - shown in previews instead of a real token
ORDINALS = ("First", "Second", "Third")


def k() -> int:
    return int(settings.PULSE_MIN_GROUP_SIZE)


def rounded(count: int) -> int | None:
    """The count as published: to the nearest 5, or None when below the minimum group size."""
    return None if count < k() else 5 * round(count / 5)


def count_text(count: int) -> str:
    shown = rounded(count)
    return HIDDEN if shown is None else f"About {shown:,}"


def rate_text(responses: int, invited: int) -> str:
    """A response rate from the rounded count, so it reveals nothing the count does not."""
    shown = rounded(responses)
    if shown is None or invited <= 0:
        return "Not shown (fewer than 10 responses)" if invited > 0 else "Not shown"
    return f"{min(100, round(100 * shown / invited))}%"


def wave_url(name: str, wave: Wave, **kwargs: Any) -> str:
    return reverse(name, kwargs={"ics_code": wave.ics.url_code, "wave_id": wave.pk, **kwargs})


def participant_rows(
    wave: Wave, people: Sequence[Participant], labels: Mapping[str, Mapping[str, str]]
) -> list[list[dict[str, Any]]]:
    """The list as the admin uploaded it; "Remove" while the invitation has not been sent."""
    rows = []
    for person in people:
        row: list[dict[str, Any]] = [{"text": person.email}]
        for name in FIELD_LABELS:
            code = getattr(person, name)
            row.append({"text": labels.get(name, {}).get(code, code) or "Not given"})
        if getattr(person, "invited", False):
            row.append({"text": "Invited"})
        else:
            href = wave_url("surveys:remove_participant", wave, participant_id=person.pk)
            row.append({"html": action_links((href, "Remove", person.email))})
        rows.append(row)
    return rows


def list_summary(tallies: Mapping[str, Any]) -> dict[str, Any]:
    return {"invited": int(tallies.get("invited", 0))}


@dataclass(frozen=True)
class EmailPreview:
    heading: str
    subject: str
    body: str

    @property
    def body_html(self) -> SafeString:
        """The plain-text message as paragraphs, line breaks kept, everything escaped."""
        paragraphs = [p for p in self.body.strip().split("\n\n") if p.strip()]
        html = format_html_join(
            "",
            '<p class="nhsuk-u-text-break-word">{}</p>',
            (
                (format_html_join(Markup("<br>"), "{}", ((line,) for line in p.splitlines())),)
                for p in paragraphs
            ),
        )
        return SafeString(html)


def email_previews(wave: Wave, distribution: Any) -> list[EmailPreview]:
    """The invitation and the reminder as a participant would receive them (an example link)."""
    values = email_values(wave, EXAMPLE_TOKEN)
    previews = []
    for kind, heading in ((EmailKind.INVITATION, "Invitation"), (EmailKind.REMINDER_1, "Reminder")):
        subject, body = email_text(distribution, kind, values)
        previews.append(EmailPreview(heading, subject, body))
    return previews


def placeholder_rows() -> list[list[dict[str, str]]]:
    return [[{"text": f"(({name}))"}, {"text": about}] for name, about in PLACEHOLDERS.items()]


def _sent(tallies: Mapping[str, Any], kind: str, status: str = EmailStatus.SENT) -> int:
    return int(tallies.get("emails", {}).get(kind, {}).get(status, 0))


def reminder_rows(wave: Wave, dates: Sequence[str], tallies: Mapping[str, Any]) -> list[list]:
    """Each reminder: its date and whether it is scheduled, sent (to about how many) or
    will not be sent."""
    rows = []
    today = timezone.localdate()
    for number, iso in enumerate(dates, start=1):
        day = date.fromisoformat(iso)
        kind = f"reminder_{number}"
        sent = _sent(tallies, kind)
        if kind in tallies.get("emails", {}):
            status = f"Sent to {count_text(sent).lower()} people"
        elif day > wave.closes_on or wave.status not in (WaveStatus.DRAFT, WaveStatus.OPEN):
            status = "Not sent: the survey closed first"
        elif day >= today:
            status = "Scheduled"
        else:
            status = "Waiting to be sent"
        rows.append([{"text": ORDINALS[number - 1]}, {"text": nhs_date(day)}, {"text": status}])
    return rows


def days_left_text(wave: Wave) -> str:
    reason = acceptance(wave)
    if reason == "not_open_yet":
        return f"Opens on {nhs_date(wave.opens_on)}"
    if reason == "closed":
        return f"Closed on {nhs_date(wave.closes_on)}"
    days = (wave.closes_on - timezone.localdate()).days
    if days == 0:
        return "Closes at the end of today"
    return f"{days} day{'s' if days != 1 else ''} left: closes at the end of {nhs_date(wave.closes_on)}"


def problems_message(count: int) -> str:
    if count == 1:
        return "The file has 1 problem. Nobody has been added. Fix it and upload the file again."
    return (
        f"The file has {count:,} problems. Nobody has been added. Fix them and upload the "
        "file again."
    )


def added_message(result: Any) -> str:
    added = f"{result.added:,} {'person' if result.added == 1 else 'people'} added to the list"
    if result.already_listed:
        added += f". {result.already_listed:,} already on the list were left as they were"
    return added


def accepted_values(choices: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What each optional column accepts, for the upload page's help."""
    found = []
    for name, title in FIELD_LABELS.items():
        options = choices.get(name)
        if options is None:
            continue
        rows = [[{"text": c.label}, {"html": f"<code>{escape(c.code)}</code>"}] for c in options]
        found.append({"title": title, "rows": rows})
    return found


def reminder_initial(dates: Sequence[str]) -> dict[str, date]:
    return {f"reminder_{n}": date.fromisoformat(iso) for n, iso in enumerate(dates, start=1)}


def problem_rows(problems: Sequence[Any]) -> list[list[dict[str, str]]]:
    return [[{"text": p.label}, {"text": p.message}] for p in problems]


@dataclass(frozen=True)
class InvitationSummary:
    invited: int
    text: str
    open_text: str


def invitation_summary(wave: Wave, tallies: Mapping[str, Any]) -> InvitationSummary:
    """One sentence about the list for the wave's page, and one for the "open" confirmation."""
    invited = int(tallies.get("invited", 0))
    people = f"{invited:,} {'person' if invited == 1 else 'people'}"
    if wave.status == WaveStatus.DRAFT:
        text = (
            f"{people} on the list. They are emailed their own link when the survey opens."
            if invited
            else "Nobody is on the list yet. Upload a list to email people their own link."
        )
    elif wave.status == WaveStatus.OPEN:
        text = f"{people} on the list. See how many have answered on the fieldwork page."
    else:
        text = f"{people} were invited. The list was deleted when the survey closed."
    when = "today" if wave.opens_on <= timezone.localdate() else f"on {nhs_date(wave.opens_on)}"
    open_text = (
        f"{people} will be emailed their own link {when}, and reminded on the dates you chose "
        "until they answer."
        if invited
        else "Nobody is on the list of people to invite, so no invitations will be sent."
    )
    return InvitationSummary(invited, text, open_text)
