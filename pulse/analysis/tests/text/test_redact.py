"""Redaction of personal details from comments."""

from __future__ import annotations

import pytest

from pulse.analysis.text.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email me at jo.bloggs@nhs.net please", "Email me at [email] please"),
        ("See https://example.org/a?b=1 and www.example.com", "See [link] and [link]"),
        ("Call 07700 900123 or 020 7946 0018", "Call [phone] or [phone]"),
        ("Ring +44 (0)113 496 0000 today", "Ring [phone] today"),
        ("Ring +447700900123", "Ring [phone]"),
        ("NHS number 943 476 5919 on file", "NHS number [NHS number] on file"),
        ("NHS number 9434765919 on file", "NHS number [NHS number] on file"),
        ("Based at LS1 4AP and sw1a 1aa", "Based at [postcode] and [postcode]"),
        ("Dr Smith was great", "[name] was great"),
        ("Mr J. Jones and Mrs Patel", "[name] and [name]"),
        ("Professor Okonkwo-Adeyemi led it", "[name] led it"),
        ("Sarah Jones said the board will listen", "[name] said the board will listen"),
        ("Thanks to Priya in finance", "Thanks to [name] in finance"),
        ("Mark Hall and Will Baker helped", "[name] and [name] helped"),
    ],
)
def test_personal_details_are_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We will mark the progress in the hall.",
        "Grace and hope are needed; joy is rare.",
        "Will the board listen? May we have more time?",
        "The ICB has 42 systems and 1,200 leaders across 7 regions.",
        "Primary Care Networks need Protected Time.",
    ],
)
def test_ordinary_words_are_kept(text: str) -> None:
    assert redact(text) == text


def test_documented_misses_stay_visible() -> None:
    # lower-case names and unlisted names are not caught: that is why free text is shown only
    # for groups of at least 20 and only through themes
    assert redact("ask zebedee about it") == "ask zebedee about it"


def test_not_a_string() -> None:
    with pytest.raises(ValueError, match="needs a string"):
        redact(None)  # type: ignore[arg-type]
