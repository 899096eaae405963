"""Display values for the ICS admin pages about waves and instruments."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from pulse.core.formatting import nhs_date
from pulse.organisations.models import ICS
from pulse.organisations.presenters import action_links
from pulse.surveys.definition import LAYERS, Definition, Problem, Question
from pulse.surveys.local_questions import LOCAL_SECTION_KEY
from pulse.surveys.models import InstrumentVersion, Wave, WaveStatus
from pulse.surveys.services.waves import STATUS_PHRASES

TAG_COLOURS = {
    WaveStatus.DRAFT: "grey",
    WaveStatus.OPEN: "green",
    WaveStatus.CLOSED: "orange",
    WaveStatus.PUBLISHED: "blue",
}
TYPE_LABELS = {
    "agreement": "Agreement",
    "single_choice": "Single choice",
    "multiple_choice": "Multiple choice",
    "free_text": "Free text",
    "number": "Number",
    "layer_grid": "Agreement, asked for each level they work at",
    "place": "Place (your system's list)",
    "note": "Text only, no answer",
}


def status_tag(wave: Wave) -> SafeString:
    colour = TAG_COLOURS.get(wave.status, "grey")  # type: ignore[call-overload]
    return format_html(
        '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, wave.get_status_display()
    )


def rounded_count(count: int) -> str:
    """A response count as shown during and after fieldwork: never exact (DESIGN.md 6)."""
    if count < 10:
        return "fewer than 10"
    return f"about {5 * round(count / 5):,}"


def response_count_text(wave: Wave, count: int) -> str:
    if wave.status == WaveStatus.DRAFT:
        return "Not open yet"
    return rounded_count(count).capitalize()


def _wave_url(name: str, wave: Wave, **kwargs: Any) -> str:
    return reverse(name, kwargs={"ics_code": wave.ics.url_code, "wave_id": wave.pk, **kwargs})


def wave_rows(waves: list[Wave]) -> list[list[dict[str, Any]]]:
    rows = []
    for wave in waves:
        link = format_html(
            '<a class="nhsuk-link" href="{}">{}</a>', _wave_url("surveys:show_wave", wave), wave
        )
        rows.append(
            [
                {"html": link},
                {"text": str(wave.version)},
                {"text": f"{nhs_date(wave.opens_on)} to {nhs_date(wave.closes_on)}"},
                {"html": status_tag(wave)},
                {"text": response_count_text(wave, getattr(wave, "response_count", 0))},
            ]
        )
    return rows


def _row(key: str, value: str | SafeString, href: str = "", hidden: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {"key": {"text": key}}
    row["value"] = {"html": value} if isinstance(value, SafeString) else {"text": value}
    if href:
        item = {"href": href, "text": "Change", "visuallyHiddenText": hidden or key.lower()}
        row["actions"] = {"items": [item]}
    return row


def wave_summary_rows(wave: Wave, count: int) -> list[dict[str, Any]]:
    """The wave's settings; change links while it is a draft (the closing date while open)."""
    draft = wave.status == WaveStatus.DRAFT
    edit = _wave_url("surveys:edit_wave", wave)
    change = edit if draft else ""
    closing = edit if wave.status in (WaveStatus.DRAFT, WaveStatus.OPEN) else ""
    rows = [
        _row("Status", status_tag(wave)),
        _row("Title", wave.title, change and f"{edit}#id_title"),
        _row("Questionnaire", str(wave.version), change and f"{edit}#id_version"),
        _row("Opening date", nhs_date(wave.opens_on), change and f"{edit}#id_opens_on_day"),
        _row("Closing date", nhs_date(wave.closes_on), closing and f"{edit}#id_closes_on_day"),
        _row(
            "Open link",
            "On" if wave.open_link_enabled else "Off",
            change and f"{edit}#id_open_link_enabled",
        ),
        _row(
            "Access code",
            "Set (people must enter it)" if wave.access_code_hash else "None",
            change and f"{edit}#id_access_code",
        ),
    ]
    if not draft:
        rows.append(_row("Responses", response_count_text(wave, count)))
    return rows


def question_rows(definition: Definition, questions: tuple[Question, ...]) -> list[list[dict]]:
    rows = []
    for question in questions:
        text = question.text
        if question.type == "layer_grid":
            levels = ", ".join(
                LAYERS[code].split(" (")[0].lower() for code in definition.layer_codes()
            )
            text = f"{text} (for each level: {levels})"
        about = TYPE_LABELS.get(question.type, question.type)
        if question.principle:
            about += f", {question.principle}"
        if not question.required and question.is_answered:
            about += ", optional"
        rows.append(
            [
                {"text": text},
                {"html": format_html("<code>{}</code>", question.key)},
                {"text": about},
            ]
        )
    return rows


def standard_sections(wave: Wave) -> list[dict[str, Any]]:
    """The version's sections, each with its read-only questions."""
    definition = wave.version.definition
    return [
        {
            "title": section.title,
            "count": sum(1 for q in section.questions if q.is_answered),
            "rows": question_rows(definition, section.questions),
        }
        for section in definition.sections
    ]


def local_question_rows(wave: Wave) -> list[list[dict[str, Any]]]:
    definition = wave.definition
    section = next((s for s in definition.sections if s.key == LOCAL_SECTION_KEY), None)
    if section is None:
        return []
    rows = question_rows(definition, section.questions)
    if wave.status == WaveStatus.DRAFT:
        for row, question in zip(rows, section.questions, strict=True):
            href = _wave_url("surveys:remove_local_question", wave, key=question.key)
            row.append({"html": action_links((href, "Remove", question.text))})
    return rows


@dataclass(frozen=True)
class Transition:
    """A lifecycle step: its confirmation page and what it means, in plain English."""

    url_name: str
    status: str
    heading: str
    button: str
    explanation: tuple[str, ...]
    success: str


TRANSITIONS = {
    "open": Transition(
        "surveys:open_wave",
        WaveStatus.DRAFT,
        "Open the survey",
        "Open the survey",
        (
            "Once the survey is open, its questions and your list of places are fixed: you "
            "cannot add, change or remove questions, or change the survey it runs.",
            "People can answer from the opening date until the end of the closing date. The "
            "survey closes itself at the end of the closing date.",
            "While it is open you can only change the closing date.",
        ),
        "The survey is open",
    ),
    "close": Transition(
        "surveys:close_wave",
        WaveStatus.OPEN,
        "Close the survey now",
        "Close the survey now",
        (
            "Nobody will be able to answer the survey after you close it, even if the closing "
            "date has not been reached.",
            "Answers that people have saved but not submitted will be deleted. Submitted "
            "responses are kept.",
            "You cannot open the survey again.",
        ),
        "The survey is closed",
    ),
    "publish": Transition(
        "surveys:publish_wave",
        WaveStatus.CLOSED,
        "Publish the results",
        "Publish the results",
        (
            "The results will be shown to your system's ICS viewers (board members), and "
            "included in regional and national results.",
            "Results for any group of fewer than {k} people are never shown, to protect anonymity.",
            "You cannot unpublish the results.",
        ),
        "The results are published",
    ),
}


def next_transition(wave: Wave) -> tuple[str, Transition] | None:
    for name, transition in TRANSITIONS.items():
        if transition.status == wave.status:
            return name, transition
    return None


def transition_page(wave: Wave, name: str, k: int) -> dict[str, Any]:
    """The confirmation page; `blocked` says why the step cannot be taken from this status."""
    transition = TRANSITIONS[name]
    blocked = ""
    if wave.status != transition.status:
        phrase = STATUS_PHRASES.get(wave.status, wave.status)  # type: ignore[call-overload]
        blocked = f"You cannot {name} a survey that is {phrase}"
    return {
        "heading": transition.heading,
        "button_text": transition.button,
        "button_classes": "nhsuk-button--warning" if name == "close" else "",
        "paragraphs": [p.replace("{k}", str(k)) for p in transition.explanation],
        "blocked": blocked,
    }


def error_items(messages: Sequence[str], href: str) -> list[dict[str, str]]:
    return [{"text": message, "href": href} for message in messages]


def version_hints(versions: list[InstrumentVersion]) -> dict[str, str]:
    hints = {}
    for version in versions:
        questions = sum(1 for q in version.definition.questions() if q.is_answered)
        owner = (
            "The standard survey" if version.instrument.is_standard else "Your system's own survey"
        )
        hints[str(version.pk)] = f"{owner}: {questions} questions"
    return hints


def instrument_rows(ics: ICS, versions: list[InstrumentVersion]) -> list[list[dict[str, Any]]]:
    rows = []
    for version in versions:
        href = reverse(
            "surveys:export_instrument", kwargs={"ics_code": ics.url_code, "version_id": version.pk}
        )
        download = format_html(
            '<a class="nhsuk-link" href="{}" download>Download<span class="nhsuk-u-visually-hidden"> {} as XLSForm</span></a>',
            href,
            version,
        )
        rows.append(
            [
                {"text": version.instrument.title},
                {"html": format_html("<code>{}</code>", version.instrument.key)},
                {"text": str(version.version)},
                {"text": "Standard" if version.instrument.is_standard else "Your system"},
                {"html": download},
            ]
        )
    return rows


def problem_items(problems: Sequence[Problem]) -> list[dict[str, str]]:
    """Error summary items: every problem in a workbook, each linking to the upload."""
    return [{"text": str(problem), "href": "#id_file"} for problem in problems]


def problems_message(count: int) -> str:
    if count == 1:
        return "The workbook has 1 problem. Fix it and upload the workbook again."
    return f"The workbook has {count} problems. Fix them and upload the workbook again."
