"""Helpers for the respondent journey tests: URLs, answering a section, filling a whole survey."""

from typing import Any

from django.test import Client
from django.urls import reverse

from pulse.surveys.forms.respond import page_slots
from pulse.surveys.models import ResponseDraft, Wave


def url(name: str, wave: Wave, **kwargs: Any) -> str:
    return reverse(f"respond:{name}", kwargs={"slug": wave.open_link_slug, **kwargs})


def section_url(wave: Wave, number: int) -> str:
    return url("section", wave, number=number)


def started(client: Client, wave: Wave, **data: str) -> ResponseDraft:
    """Press "Start now" and return the draft this browser is answering."""
    response = client.post(url("start", wave), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ResponseDraft.objects.get(pk=client.session["respond"][wave.open_link_slug])


def post_section(
    client: Client, wave: Wave, number: int, data: dict[str, Any], action: str = "continue"
) -> Any:
    return client.post(section_url(wave, number), {**data, "action": action})


def value_for(question: Any, places: list[dict[str, str]], layers: list[str]) -> Any:
    """A valid posted value for a question."""
    kind = question.type
    if kind in ("agreement", "layer_grid"):
        return "4"
    if kind == "single_choice":
        return question.options[0].code
    if kind == "place":
        return places[1]["code"]
    if kind == "multiple_choice":
        return layers if question.dimension == "layer" else [question.options[0].code]
    if kind == "number":
        return str(question.min if question.min is not None else 7)
    return "Leaders are listened to."


def section_data(wave: Wave, number: int, answers: dict[str, Any], layers: list[str]) -> dict:
    """Valid answers to every question a section page shows, given the saved answers."""
    section = wave.definition.sections[number - 1]
    return {
        slot.key: value_for(slot.question, wave.places, layers)
        for slot in page_slots(wave.definition, answers, section)
        if not slot.is_note
    }


def answer_everything(client: Client, wave: Wave, layers: list[str] | None = None) -> ResponseDraft:
    """Start and answer every section with valid answers; returns the (saved) draft."""
    layers = layers or ["system", "place"]
    draft = started(client, wave)
    for number in range(1, len(wave.definition.sections) + 1):
        draft.refresh_from_db()
        data = section_data(wave, number, draft.answers, layers)
        if not data:
            continue
        response = post_section(client, wave, number, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    return draft


def conditional_definition() -> dict[str, Any]:
    """Four pages exercising display conditions on the same and on earlier pages."""
    yes_no = [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]
    return {
        "key": "conditions-survey",
        "version": 1,
        "title": "Conditions survey",
        "description": "A survey for testing display conditions.",
        "estimated_minutes": 3,
        "sections": [
            {
                "key": "about",
                "title": "About you",
                "intro": "Tell us about your work.",
                "questions": [
                    {
                        "key": "layers",
                        "type": "multiple_choice",
                        "text": "Which levels do you work at?",
                        "dimension": "layer",
                        "options": [
                            {"code": "system", "label": "System"},
                            {"code": "place", "label": "Place"},
                            {"code": "neighbourhood", "label": "Neighbourhood"},
                        ],
                    },
                    {
                        "key": "role",
                        "type": "single_choice",
                        "text": "What is your role?",
                        "options": [
                            {"code": "manager", "label": "Manager"},
                            {"code": "clinician", "label": "Clinician"},
                        ],
                    },
                    {
                        "key": "more",
                        "type": "single_choice",
                        "text": "Anything more?",
                        "options": yes_no,
                    },
                    {
                        "key": "more_text",
                        "type": "free_text",
                        "text": "Tell us more",
                        "show_if": {"question": "more", "equals": "yes"},
                    },
                    {
                        "key": "years",
                        "type": "number",
                        "text": "Years in a leadership role",
                        "min": 0,
                        "max": 60,
                    },
                ],
            },
            {
                "key": "involvement",
                "title": "Involvement",
                "questions": [
                    {"key": "involve_note", "type": "note", "text": "Think about the last year."},
                    {
                        "key": "involved",
                        "type": "layer_grid",
                        "text": "I am involved in decisions.",
                    },
                    {"key": "heard", "type": "layer_grid", "text": "My views are heard."},
                    {
                        "key": "managing",
                        "type": "agreement",
                        "text": "I have the support I need to manage.",
                        "show_if": {"question": "role", "equals": "manager"},
                    },
                ],
            },
            {
                "key": "extra",
                "title": "More about you",
                "questions": [
                    {
                        "key": "extra_text",
                        "type": "free_text",
                        "text": "What else should we know?",
                        "required": False,
                        "show_if": {"question": "more", "equals": "yes"},
                    }
                ],
            },
            {
                "key": "last",
                "title": "Last questions",
                "questions": [
                    {"key": "valued", "type": "agreement", "text": "I feel valued."},
                    {
                        "key": "comments",
                        "type": "free_text",
                        "text": "Any comments?",
                        "required": False,
                        "hint": "Do not include names.",
                    },
                ],
            },
        ],
    }


def conditional_wave(**fields: Any) -> Wave:
    from pulse.organisations.tests.factories import ics
    from pulse.surveys.definition import parse_definition
    from pulse.surveys.services.instruments import instrument_version_create
    from pulse.surveys.tests.factories import open_wave

    version, _ = instrument_version_create(
        definition=parse_definition(conditional_definition()), ics=ics("QYG")
    )
    return open_wave(version, **fields)


def one_page_definition() -> Any:
    """The layers question and the grid on the same page."""
    from pulse.surveys.definition import parse_definition
    from pulse.surveys.tests.factories import small_definition

    data = small_definition()
    data["sections"] = [
        {
            "key": "all",
            "title": "Everything",
            "questions": data["sections"][0]["questions"][:1] + data["sections"][1]["questions"],
        }
    ]
    return parse_definition(data)
