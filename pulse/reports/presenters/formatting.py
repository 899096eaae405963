"""Numbers and hidden cells in NHS style: "6.1 out of 10", "24%", "Fewer than 10 responses"."""

import math
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

#: Why a cell is hidden, in words (ADR 5). `{k}` is the publication's minimum group size.
HIDDEN_REASONS: dict[str, str] = {
    "below_k": "Fewer than {k} responses",
    "item_n_below_k": "Fewer than {k} responses",
    "free_text_below_20": "Fewer than 20 comments",
    "fewer_than_20_comments": "Fewer than 20 comments",
    "too_little_text": "Too little text to find themes",
    "parent_remainder": "Hidden to protect a small group",
    "complementary": "Hidden to protect a small group",
    "differencing": "Hidden to protect a small group",
    "fewer_than_5_icss": "Fewer than 5 systems to compare with",
    "too_few_items": "Too few statements to assess",
    "too_few_respondents": "Fewer than {k} complete answers",
    "no_variance": "Everyone gave the same answers",
}
PROTECTION_EXPLAINED = (
    "Some groups of {k} or more people are hidden too, because their figures could otherwise "
    "be combined with others to work out the answers of a smaller group."
)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value))


def hidden_text(reason: str | None, k: int) -> str:
    """What a hidden cell says instead of a number: never 0 or blank."""
    reason = reason or "below_k"
    when = ""
    for prefix, phrase in (("before_", " in the earlier survey"), ("after_", " in this survey")):
        if reason.startswith(prefix):
            reason, when = reason[len(prefix) :], phrase
    return HIDDEN_REASONS.get(reason, "Hidden to protect a small group").format(k=k) + when


def one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def score(value: Any) -> str:
    """6.1 (a score on the 0 to 10 scale)."""
    return one_decimal(float(value)) if is_number(value) else ""


def score_text(value: Any) -> str:
    """6.1 out of 10."""
    return f"{score(value)} out of 10" if is_number(value) else ""


def interval_text(low: Any, high: Any) -> str:
    """5.9 to 6.3."""
    if not (is_number(low) and is_number(high)):
        return ""
    return f"{one_decimal(float(low))} to {one_decimal(float(high))}"


def percent(value: Any) -> str:
    """24% (whole percentages; under 1% but above 0 as "less than 1%")."""
    if not is_number(value):
        return ""
    if 0 < value < 0.5:
        return "less than 1%"
    return f"{round(float(value)):.0f}%"


def signed(value: Any, unit: str = "") -> str:
    """+0.4 or -0.2 (a change), with an optional unit such as " points"."""
    if not is_number(value):
        return ""
    text = one_decimal(float(value))
    return (text if text.startswith("-") or text == "0.0" else f"+{text}") + unit


def count(value: Any) -> str:
    return f"{int(value):,}" if is_number(value) else ""


def cell(text: str, *, numeric: bool = True) -> dict[str, Any]:
    """A table cell for the NHS table macro."""
    return {"text": text, "format": "numeric"} if numeric else {"text": text}


def hidden_cell(reason: str | None, k: int, colspan: int = 1) -> dict[str, Any]:
    item: dict[str, Any] = {"text": hidden_text(reason, k), "classes": "app-hidden-cell"}
    if colspan > 1:
        item["colspan"] = colspan
    return item


VERDICT_TAGS: dict[str, tuple[str, str]] = {
    "improved": ("Improved", "green"),
    "declined": ("Declined", "red"),
    "no significant change": ("No significant change", "grey"),
}


def verdict_tag(verdict: str | None) -> SafeString:
    """An NHS tag whose words carry the meaning; the colour only repeats it."""
    text, colour = VERDICT_TAGS.get(verdict or "", ("Not compared", "white"))
    return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, text)


def verdict_words(verdict: str | None) -> str:
    return VERDICT_TAGS.get(verdict or "", ("Not compared", ""))[0]
