"""What the respondent reads about a question: error messages in NHS style, option labels and
the hint that says when to answer a question that depends on another on the same page."""

from collections.abc import Mapping, Sequence

from pulse.surveys.definition import PREFER_NOT_TO_SAY, Condition, Definition, Question
from pulse.surveys.forms.respond.slots import short_layer_label

# "Select your profession group"-style messages for the questions that supply a breakdown.
SELECT_MESSAGES = {
    "profession_group": "Select your professional group",
    "sector": "Select the sector your main employer is in",
    "role_level": "Select the description that best fits your leadership role",
    "place": "Select the place you mainly work in",
    "layer": "Select the levels of the system where you do leadership work",
}


def statement(text: str) -> str:
    """A statement to quote inside a sentence: first letter lower case unless it is "I" or an
    acronym, and no full stop."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first.isupper()):
        return text
    return text[:1].lower() + text[1:]


def required_message(question: Question, layer_label: str | None = None) -> str:
    """What to tell a respondent who left a required question unanswered."""
    kind = question.type
    if kind in ("agreement", "layer_grid"):
        message = f"Select how much you agree that {statement(question.text)}"
        if layer_label:
            return f"{short_layer_label(layer_label)}: {message[:1].lower()}{message[1:]}"
        return message
    if kind in ("single_choice", "place"):
        return SELECT_MESSAGES.get(question.dimension_key or "", "Select an answer")
    if kind == "multiple_choice":
        return SELECT_MESSAGES.get(question.dimension_key or "", "Select all that apply")
    if kind == "number":
        return "Enter a whole number"
    return "Enter your answer"


def option_label(
    definition: Definition, question_key: str, code: str, places: Sequence[Mapping[str, str]]
) -> str:
    question = definition.question(question_key)
    if question.type == "place":
        labels = {p["code"]: p["label"] for p in places} | {PREFER_NOT_TO_SAY: "Prefer not to say"}
        return labels.get(code, code)
    return {o.code: o.label for o in question.answer_options()}.get(code, code)


def condition_hint(
    definition: Definition, condition: Condition, places: Sequence[Mapping[str, str]]
) -> str:
    """When to answer a question that depends on another on the same page."""
    parent = definition.question(condition.question)
    label = option_label(definition, condition.question, condition.code, places)
    if condition.includes is not None:
        return f"Only answer this if you chose ‘{label}’ for ‘{parent.text}’."
    return f"Only answer this if your answer to ‘{parent.text}’ was ‘{label}’."
