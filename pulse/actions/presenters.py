"""Display values for the plan page, an action's page and the plan's PDF. Overdue actions carry
the word "Overdue" in a tag, never colour alone. An action that came from an idea names the
idea's title, never its author."""

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from pulse.actions.models import Action, ActionStatus, Principle
from pulse.actions.selectors import QuestionChoice
from pulse.core.files import file_state as prepared_file_state
from pulse.core.formatting import nhs_date

STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "grey",
    ActionStatus.IN_PROGRESS: "blue",
    ActionStatus.DONE: "green",
    ActionStatus.DROPPED: "white",
}


def tag(text: str, colour: str) -> SafeString:
    return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, text)


def status_tags(action: Action, today: date | None = None) -> SafeString:
    """The status, and "Overdue" beside it when an open action is past its due date."""
    status = tag(action.get_status_display(), STATUS_COLOURS[ActionStatus(action.status)])
    if action.is_overdue(today or timezone.localdate()):
        return format_html("{} {}", status, tag("Overdue", "red"))
    return status


def status_text(action: Action, today: date | None = None) -> str:
    text = action.get_status_display()
    return f"{text}, overdue" if action.is_overdue(today or timezone.localdate()) else text


def action_url(action: Action, name: str = "actions:show_action") -> str:
    return reverse(name, kwargs={"ics_code": action.ics.url_code, "action_id": action.pk})


def _latest_note(action: Action) -> str:
    notes = list(action.notes.all())
    if not notes:
        return "No progress noted yet"
    return f"{nhs_date(notes[0].written_on)}: {notes[0].text}"


FROM_AN_IDEA = "From an idea"


def _title_cell(action: Action, *, linked: bool) -> dict[str, Any]:
    """The action's title (a link on the page, plain in the PDF), noting when it came from an
    idea."""
    title = (
        format_html('<a class="nhsuk-link" href="{}">{}</a>', action_url(action), action.title)
        if linked
        else action.title
    )
    if action.idea_id is None:
        return {"html": title} if linked else {"text": title}
    return {
        "html": format_html(
            '{}<br><span class="nhsuk-body-s app-from-idea">{}</span>', title, FROM_AN_IDEA
        )
    }


def action_row(action: Action, today: date, *, linked: bool = True) -> list[dict[str, Any]]:
    return [
        _title_cell(action, linked=linked),
        {"text": str(action.indicator) if action.indicator else "–"},
        {"text": action.owner_label},
        {"text": nhs_date(action.due_on)},
        {"html": status_tags(action, today)},
        {"text": _latest_note(action)},
    ]


ACTION_HEAD = [
    {"text": "Action"},
    {"text": "Indicator"},
    {"text": "Owner"},
    {"text": "Due"},
    {"text": "Status"},
    {"text": "Latest progress"},
]


def plan_sections(
    actions: list[Action], maturity: dict[str, str], *, linked: bool = True
) -> list[dict[str, Any]]:
    """One section per principle, with its actions (open ones first) and where the latest
    self-assessment put it."""
    today = timezone.localdate()
    order = {s: n for n, s in enumerate(ActionStatus.values)}
    sections = []
    for code, label in Principle.choices:
        mine = sorted(
            (a for a in actions if a.principle == code),
            key=lambda a: (order[a.status], a.due_on, a.pk),
        )
        sections.append(
            {
                "code": code,
                "heading": label,
                "maturity": maturity.get(code, ""),
                "rows": [action_row(a, today, linked=linked) for a in mine],
                "open": sum(1 for a in mine if a.is_open),
            }
        )
    return sections


def plan_summary(actions: list[Action]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    counts = [
        (label, sum(1 for a in actions if a.status == value))
        for value, label in ActionStatus.choices
    ]
    overdue = sum(1 for a in actions if a.is_overdue(today))
    rows = [*counts, ("Overdue", overdue)]
    return [{"key": {"text": key}, "value": {"text": str(value)}} for key, value in rows]


def action_summary_rows(action: Action, questions: list[QuestionChoice]) -> list[dict[str, Any]]:
    question = next((q for q in questions if q.key == action.question_key), None)
    rows: list[tuple[str, str | SafeString]] = [
        ("Principle", action.get_principle_display()),
        ("Indicator", str(action.indicator) if action.indicator else "None"),
        ("Pulse check question", question.text if question else (action.question_key or "None")),
        ("Owner", action.owner_label),
        ("Due", nhs_date(action.due_on)),
        ("Status", status_tags(action)),
        ("Started", nhs_date(action.started_on) if action.started_on else "Not started yet"),
    ]
    return [
        {
            "key": {"text": key},
            "value": {"html": value} if isinstance(value, SafeString) else {"text": value},
        }
        for key, value in rows
    ]


def idea_href(ics_code: str, idea_id: int) -> str:
    return reverse("ideas:show_idea", kwargs={"ics_code": ics_code, "idea_id": idea_id})


def idea_source(action: Action, *, can_view_ideas: bool) -> dict[str, str] | None:
    """ "From an idea: <title>", linking to the idea for people who can see ideas. An idea a
    moderator has hidden is not named, as its page is closed to most people."""
    idea = action.idea
    if idea is None:
        return None
    if idea.is_hidden:
        return {
            "label": f"{FROM_AN_IDEA} that a moderator has since hidden.",
            "title": "",
            "href": "",
        }
    href = idea_href(action.ics.url_code, idea.pk) if can_view_ideas else ""
    return {"label": f"{FROM_AN_IDEA}:", "title": idea.title, "href": href}


def initial_from_idea(idea: Any, principle: str) -> dict[str, Any]:
    """The add-action form's starting values: from the idea when there is one (its title,
    description and first principle), otherwise just the principle asked for."""
    initial: dict[str, Any] = {"status": ActionStatus.NOT_STARTED, "principle": principle}
    if idea is not None:
        codes = idea.principle_codes
        initial.update(
            title=idea.title,
            description=idea.description,
            principle=codes[0] if codes else principle,
        )
    return initial


def note_items(action: Action) -> list[dict[str, str]]:
    return [{"date": nhs_date(note.written_on), "text": note.text} for note in action.notes.all()]


def file_state(plan_file: Any, changed_at: Any) -> dict[str, str]:
    """What the downloads page says about the plan's PDF."""
    return prepared_file_state(
        plan_file, noun="PDF", changed_at=changed_at, changes="The plan has changed since"
    )
