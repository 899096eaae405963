"""The respondent's forms: the start form (with its access code) and one form per section page,
built from the definition and the answers saved so far."""

from pulse.surveys.forms.respond.fields import form_value, initial_values, stored_value
from pulse.surveys.forms.respond.messages import (
    condition_hint,
    option_label,
    required_message,
    statement,
)
from pulse.surveys.forms.respond.section import (
    ACTIONS,
    CONTROL_KEYS,
    SectionForm,
    unexpected_keys,
)
from pulse.surveys.forms.respond.slots import (
    PageSlot,
    layer_labels,
    page_slots,
    section_answer_keys,
    short_layer_label,
)
from pulse.surveys.forms.respond.start import StartForm

__all__ = [
    "ACTIONS",
    "CONTROL_KEYS",
    "PageSlot",
    "SectionForm",
    "StartForm",
    "condition_hint",
    "form_value",
    "initial_values",
    "layer_labels",
    "option_label",
    "page_slots",
    "required_message",
    "section_answer_keys",
    "short_layer_label",
    "statement",
    "stored_value",
    "unexpected_keys",
]
