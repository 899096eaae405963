"""Survey test data: waves of the standard pulse check or of small purpose-made definitions."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from pulse.organisations.models import ICS, Place
from pulse.organisations.tests.factories import ics as ics_by_code
from pulse.surveys.definition import parse_definition
from pulse.surveys.models import InstrumentVersion, Wave, WaveStatus
from pulse.surveys.services.instruments import instrument_version_create

PLACES = ["Liverpool", "Wirral", "Halton"]


def pulse_check() -> InstrumentVersion:
    return InstrumentVersion.objects.get(
        instrument__key="ccpl-pulse-check", version=1, instrument__ics__isnull=True
    )


def small_definition(key: str = "small-survey", **overrides: Any) -> dict[str, Any]:
    """Two pages: about you (layers, a yes/no, a conditional comment) and involvement by layer."""
    data: dict[str, Any] = {
        "key": key,
        "version": 1,
        "title": "Small survey",
        "description": "A survey for tests.",
        "sections": [
            {
                "key": "about",
                "title": "About you",
                "questions": [
                    {
                        "key": "layers",
                        "type": "multiple_choice",
                        "text": "Which layers do you work at?",
                        "dimension": "layer",
                        "options": [
                            {"code": "system", "label": "System"},
                            {"code": "place", "label": "Place"},
                        ],
                    },
                    {
                        "key": "place",
                        "type": "place",
                        "text": "Which place do you work in?",
                        "dimension": "place",
                    },
                    {
                        "key": "more",
                        "type": "single_choice",
                        "text": "Anything more?",
                        "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}],
                    },
                    {
                        "key": "more_text",
                        "type": "free_text",
                        "text": "Tell us more",
                        "required": False,
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
                    {
                        "key": "involved",
                        "type": "layer_grid",
                        "text": "I am involved in decisions.",
                        "construct": "involvement",
                    },
                    {
                        "key": "valued",
                        "type": "agreement",
                        "text": "I feel valued.",
                        "principle": "P1",
                    },
                ],
            },
        ],
    }
    data.update(overrides)
    return data


def small_version(ics: ICS | None = None) -> InstrumentVersion:
    version, _ = instrument_version_create(definition=parse_definition(small_definition()), ics=ics)
    return version


def open_wave(
    version: InstrumentVersion | None = None, ods_code: str = "QYG", **fields: Any
) -> Wave:
    """An open wave (answerable today) in the ICS, with three places."""
    system = ics_by_code(ods_code)
    for name in PLACES:
        Place.objects.get_or_create(ics=system, code=name.lower(), defaults={"name": name})
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "title": "Pulse check 2026",
        "status": WaveStatus.OPEN,
        "opens_on": today - timedelta(days=3),
        "closes_on": today + timedelta(days=14),
        "open_link_enabled": True,
        "open_link_slug": f"link-{Wave.objects.count() + 1}",
        "places": [{"code": name.lower(), "label": name} for name in PLACES],
    }
    defaults.update(fields)
    return Wave.objects.create(ics=system, version=version or pulse_check(), **defaults)


SMALL_VALID = {
    "layers": ["place"],
    "place": "wirral",
    "more": "yes",
    "more_text": "  More please  ",
    "years": "12",
    "involved__place": 4,
    "valued": "0",
}
