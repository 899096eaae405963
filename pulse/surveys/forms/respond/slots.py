"""What a section page shows: its answer slots, given the answers saved on earlier pages.

A question whose display condition depends on an earlier page is only there when the
condition is met; one that depends on a question on the same page is always there, with the
condition kept to judge on that page's own answers (so the page works without JavaScript). A
layer grid has one slot per layer the respondent chose, grouped layer by layer.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pulse.surveys.answers import layers_question, shown_slots
from pulse.surveys.definition import Condition, Definition, Question, Section


@dataclass(frozen=True)
class PageSlot:
    """One thing shown on a section page: an answer slot, or a note (text only).

    `conditions` are display conditions judged on this same page's answers.
    """

    question: Question
    key: str
    layer: str | None = None
    conditions: tuple[Condition, ...] = ()

    @property
    def is_note(self) -> bool:
        return not self.question.is_answered


def section_answer_keys(definition: Definition, section: Section) -> set[str]:
    """Every key a section's questions can store an answer under (all layers of a grid)."""
    keys: set[str] = set()
    for question in section.questions:
        if question.type == "layer_grid":
            keys.update(f"{question.key}__{layer}" for layer in definition.layer_codes())
        elif question.is_answered:
            keys.add(question.key)
    return keys


def page_slots(
    definition: Definition, answers: Mapping[str, Any], section: Section
) -> list[PageSlot]:
    """What the section page shows, given the answers saved on earlier pages.

    Layer-grid items come layer by layer (all items for one layer, then the next layer).
    """
    here = {question.key for question in section.questions}
    shown: set[str] = set()
    slots: list[PageSlot] = []
    for question in section.questions:
        new = _question_slots(definition, answers, question, here, shown)
        if new:
            shown.add(question.key)
        slots.extend(new)
    return _layer_by_layer(definition, slots)


def _question_slots(
    definition: Definition,
    answers: Mapping[str, Any],
    question: Question,
    here: set[str],
    shown: set[str],
) -> list[PageSlot]:
    conditions: tuple[Condition, ...] = ()
    condition = question.show_if
    if condition is not None and condition.question in here:
        if condition.question not in shown:
            return []  # its parent is hidden, so it can never be answered
        conditions = (condition,)
        question_here = replace(question, show_if=None)
    else:
        question_here = question
    if not question.is_answered:
        if question_here.show_if is not None and not question_here.show_if.is_met(answers):
            return []
        return [PageSlot(question, question.key, None, conditions)]
    layers_q = layers_question(definition)
    if question.type == "layer_grid" and layers_q is not None and layers_q.key in here:
        if layers_q.key not in shown:
            return []
        return [
            PageSlot(
                question,
                f"{question.key}__{layer}",
                layer,
                (*conditions, Condition(question=layers_q.key, includes=layer)),
            )
            for layer in definition.layer_codes()
        ]
    return [
        PageSlot(question, slot.key, slot.layer, conditions)
        for slot in shown_slots(definition, answers, [question_here])
    ]


def _layer_by_layer(definition: Definition, slots: list[PageSlot]) -> list[PageSlot]:
    order = {layer: index for index, layer in enumerate(definition.layer_codes())}
    result: list[PageSlot] = []
    run: list[PageSlot] = []
    for slot in [*slots, None]:
        if slot is not None and slot.layer is not None:
            run.append(slot)
            continue
        result.extend(sorted(run, key=lambda s: order.get(s.layer or "", 0)))
        run = []
        if slot is not None:
            result.append(slot)
    return result


def layer_labels(definition: Definition) -> dict[str, str]:
    """Layer code -> its label in the layers question."""
    layers_q = layers_question(definition)
    return {o.code: o.label for o in layers_q.options} if layers_q else {}


def short_layer_label(label: str) -> str:
    """ "System (integrated care board ...)" -> "System"."""
    return label.split(" (", 1)[0]
