"""Where a respondent goes next: sections with nothing to ask are skipped, and a resumed or
changed survey continues at the first section that still needs an answer."""

from collections.abc import Mapping
from typing import Any

from django.http import Http404

from pulse.surveys.answers import is_blank, shown_slots
from pulse.surveys.definition import Definition, Section
from pulse.surveys.forms.respond import page_slots


def section_at(definition: Definition, number: int) -> Section:
    """The section with this 1-based number; 404 if there is none."""
    if not 1 <= number <= len(definition.sections):
        raise Http404("No such section")
    return definition.sections[number - 1]


def shown_numbers(definition: Definition, answers: Mapping[str, Any]) -> list[int]:
    """The numbers of the sections that ask at least one question, given the answers so far."""
    return [
        number
        for number, section in enumerate(definition.sections, start=1)
        if any(not slot.is_note for slot in page_slots(definition, answers, section))
    ]


def next_number(definition: Definition, answers: Mapping[str, Any], after: int) -> int | None:
    return next((n for n in shown_numbers(definition, answers) if n > after), None)


def previous_number(definition: Definition, answers: Mapping[str, Any], before: int) -> int | None:
    earlier = [n for n in shown_numbers(definition, answers) if n < before]
    return earlier[-1] if earlier else None


def missing_numbers(definition: Definition, answers: Mapping[str, Any]) -> list[int]:
    """Sections with a required question shown but not answered."""
    return [
        number
        for number, section in enumerate(definition.sections, start=1)
        if any(
            slot.question.required and is_blank(answers.get(slot.key))
            for slot in shown_slots(definition, answers, section.questions)
        )
    ]


def section_of_key(definition: Definition, key: str) -> int | None:
    """The section a stored answer key belongs to."""
    for number, section in enumerate(definition.sections, start=1):
        if _belongs(section, key):
            return number
    return None


def _belongs(section: Section, key: str) -> bool:
    keys = {q.key for q in section.questions}
    return key in keys or key.rsplit("__", 1)[0] in keys


def resume_number(definition: Definition, answers: Mapping[str, Any]) -> int | None:
    """Where to continue: the first section still missing a required answer, or the section
    after the last one answered, whichever comes first; None when it is time to check."""
    shown = shown_numbers(definition, answers)
    answered = [n for n in shown if _has_answers(definition.sections[n - 1], answers)]
    after_last = [n for n in shown if n > answered[-1]] if answered else shown
    candidates = [*missing_numbers(definition, answers)[:1], *after_last[:1]]
    return min(candidates) if candidates else None


def _has_answers(section: Section, answers: Mapping[str, Any]) -> bool:
    return any(_belongs(section, key) for key in answers)
