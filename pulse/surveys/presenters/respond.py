"""Display values for the respondent journey: page titles, the questions of a section page as
NHS design system components, and the summary of answers on the check-your-answers page."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from markupsafe import Markup, escape

from pulse.core.formatting import nhs_date
from pulse.nhsuk_forms.rendering import field_params
from pulse.surveys.answers import is_blank, shown_slots
from pulse.surveys.definition import FREE_TEXT_MAX_CHARS, PREFER_NOT_TO_SAY, Definition, Section
from pulse.surveys.forms.respond import (
    PageSlot,
    SectionForm,
    StartForm,
    layer_labels,
    option_label,
    short_layer_label,
)
from pulse.surveys.models import Wave

NOT_ANSWERED = "Not answered"
# A radio option shown after an "or" divider: the way out of the question.
SEPARATED_OPTIONS = ("0", PREFER_NOT_TO_SAY)


def title(*parts: str) -> str:
    """The page title before " – Leadership Pulse" (the layout adds it)."""
    return " – ".join(part for part in parts if part)


def section_url(wave: Wave, number: int, *, change: bool = False, anchor: str = "") -> str:
    url = reverse("respond:section", kwargs={"slug": wave.open_link_slug, "number": number})
    return url + ("?change=1" if change else "") + (f"#{anchor}" if anchor else "")


def respond_url(name: str, wave: Wave) -> str:
    return reverse(f"respond:{name}", kwargs={"slug": wave.open_link_slug})


@dataclass(frozen=True)
class WavePage:
    """Pages about the survey as a whole (start, not open, closed, done, saved, expired)."""

    wave: Wave
    heading: str = ""

    @property
    def survey_title(self) -> str:
        return self.wave.definition.title

    @property
    def page_title(self) -> str:
        return title(self.heading, self.survey_title) if self.heading else self.survey_title

    @property
    def ics_name(self) -> str:
        return self.wave.ics.name

    @property
    def description(self) -> str:
        return self.wave.definition.description

    @property
    def minutes(self) -> int | None:
        return self.wave.definition.estimated_minutes

    @property
    def opens_on(self) -> str:
        return nhs_date(self.wave.opens_on)

    @property
    def closes_on(self) -> str:
        return nhs_date(self.wave.closes_on)

    @property
    def start_url(self) -> str:
        return respond_url("start", self.wave)

    @property
    def check_url(self) -> str:
        return respond_url("check", self.wave)


@dataclass(frozen=True)
class StartPage(WavePage):
    form: StartForm | None = None
    invited: bool = False  # arrived through a personal invitation

    @property
    def asks_access_code(self) -> bool:
        return self.form is not None and "access_code" in self.form.fields


def _legend(label: str, layer_label: str | None) -> dict[str, Any]:
    if not layer_label:
        return {"text": label, "size": "s"}
    hidden = Markup('<span class="nhsuk-u-visually-hidden">{}: </span>').format(
        short_layer_label(layer_label)
    )
    return {"html": hidden + escape(label), "size": "s"}


def _with_divider(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(items) > 2 and str(items[-1]["value"]) in SEPARATED_OPTIONS:
        return [*items[:-1], {"divider": "or"}, items[-1]]
    return items


def field_block(form: SectionForm, slot: PageSlot, layer_label: str | None) -> dict[str, Any]:
    """The NHS component and its parameters for one question of the page."""
    bound = form[slot.key]
    spec = field_params(bound)
    component, params = spec["component"], spec["params"]
    if component in ("radios", "checkboxes"):
        params["fieldset"]["legend"] = _legend(str(bound.label), layer_label)
        if component == "radios":
            params["items"] = _with_divider(params["items"])
    elif component == "textarea":
        component = "characterCount"
        params.update(maxlength=FREE_TEXT_MAX_CHARS, rows=6, spellcheck=True)
        params["label"]["size"] = "s"
    else:
        params["label"]["size"] = "s"
    return {"kind": "field", "component": component, "params": params}


def _heading_hint(definition: Definition, slot: PageSlot, places: Any) -> str:
    for condition in slot.conditions:
        if slot.layer and condition.includes == slot.layer:
            parent = definition.question(condition.question)
            label = option_label(definition, condition.question, slot.layer, places)
            return f"Only answer these if you chose ‘{label}’ for ‘{parent.text}’."
    return ""


@dataclass
class SectionPage:
    wave: Wave
    number: int
    section: Section
    form: SectionForm
    slots: Sequence[PageSlot]
    back_href: str
    change: bool = False

    @property
    def caption(self) -> str:
        return f"Section {self.number} of {len(self.wave.definition.sections)}"

    @property
    def page_title(self) -> str:
        return title(self.section.title, self.wave.definition.title)

    @property
    def action(self) -> str:
        return section_url(self.wave, self.number, change=self.change)

    def blocks(self) -> list[dict[str, Any]]:
        """Notes, layer headings and questions, in page order."""
        definition = self.wave.definition
        labels = layer_labels(definition)
        blocks: list[dict[str, Any]] = []
        layer: str | None = None
        for slot in self.slots:
            if slot.is_note:
                blocks.append(
                    {"kind": "note", "text": slot.question.text, "hint": slot.question.hint}
                )
                continue
            if slot.layer != layer and slot.layer is not None:
                hint = _heading_hint(definition, slot, self.wave.places)
                blocks.append({"kind": "heading", "text": labels[slot.layer], "hint": hint})
            layer = slot.layer
            label = labels.get(slot.layer) if slot.layer else None
            blocks.append(field_block(self.form, slot, label))
        return blocks


def answer_display(
    definition: Definition,
    question_key: str,
    value: Any,
    places: Sequence[Mapping[str, str]],
) -> dict[str, Any]:
    """An answer as a summary list value: its label, a list, or "Not answered"."""
    question = definition.question(question_key)
    if is_blank(value):
        return {"text": NOT_ANSWERED}
    if question.type == "multiple_choice":
        items = Markup("").join(
            Markup("<li>{}</li>").format(option_label(definition, question.key, code, places))
            for code in value
        )
        return {
            "html": Markup('<ul class="nhsuk-list nhsuk-u-margin-bottom-0">{}</ul>').format(items)
        }
    if question.type == "free_text":
        return {"html": Markup("<br>").join(escape(line) for line in str(value).split("\n"))}
    if question.type == "number":
        return {"text": str(value)}
    return {"text": option_label(definition, question.key, str(value), places)}


@dataclass
class CheckAnswersPage:
    wave: Wave
    answers: Mapping[str, Any]
    back_href: str

    @property
    def page_title(self) -> str:
        return title("Check your answers before submitting", self.wave.definition.title)

    @property
    def submit_url(self) -> str:
        return respond_url("submit", self.wave)

    @property
    def saved_url(self) -> str:
        return respond_url("saved", self.wave)

    def sections(self) -> list[dict[str, Any]]:
        """For each section with questions shown: its title and summary lists (one per layer
        for a layer grid)."""
        definition = self.wave.definition
        labels = layer_labels(definition)
        result = []
        for index, section in enumerate(definition.sections, start=1):
            slots = list(shown_slots(definition, self.answers, section.questions))
            if not slots:
                continue
            groups: list[dict[str, Any]] = []
            order = {layer: i for i, layer in enumerate(definition.layer_codes())}
            plain = [s for s in slots if s.layer is None]
            if plain:
                groups.append({"heading": "", "rows": [self._row(index, s) for s in plain]})
            for layer in sorted({s.layer for s in slots if s.layer}, key=order.__getitem__):
                rows = [self._row(index, s, labels[layer]) for s in slots if s.layer == layer]
                groups.append({"heading": labels[layer], "rows": rows})
            result.append({"title": section.title, "groups": groups})
        return result

    def _row(self, number: int, slot: Any, layer_label: str = "") -> dict[str, Any]:
        definition = self.wave.definition
        question = slot.question
        hidden = (
            f"your answer for {short_layer_label(layer_label)}: {question.text}"
            if layer_label
            else f"your answer to: {question.text}"
        )
        value = answer_display(
            definition, question.key, self.answers.get(slot.key), self.wave.places
        )
        href = section_url(self.wave, number, change=True, anchor=f"id_{slot.key}")
        return {
            "key": {"text": question.text},
            "value": value,
            "actions": {"items": [{"href": href, "text": "Change", "visuallyHiddenText": hidden}]},
        }


@dataclass(frozen=True)
class SavedPage(WavePage):
    resume_url: str = ""
    continue_url: str = ""


def bad_answers_context(wave: Wave, back_href: str) -> dict[str, Any]:
    return {
        "page": WavePage(wave, heading="Sorry, there is a problem with your answers"),
        "back_href": back_href,
    }
