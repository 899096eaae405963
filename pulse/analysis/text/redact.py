"""Redaction of personal details from free-text comments, before anything is shown.

What is replaced, in this order:

==================  ==================================================================  ================
what                pattern                                                             replaced by
==================  ==================================================================  ================
URLs                ``http(s)://...``, ``www....``                                      ``[link]``
email addresses     ``name@domain.tld``                                                 ``[email]``
UK phone numbers    ``+44`` or ``0`` then 9-10 more digits, spaces, dashes, brackets    ``[phone]``
NHS numbers         10 digits, plain or spaced 3-3-4                                    ``[NHS number]``
postcodes           UK postcodes (``LS1 4AP``, ``sw1a1aa``; any case)                   ``[postcode]``
titled names        a title then capitalised words: ``Dr Smith``, ``Mr J. Jones``       ``[name]``
listed names        capitalised words in the shipped name lists (``forenames.txt``,     ``[name]``
                    ``surnames.txt``); a name that is also an everyday word
                    (``ambiguous.txt``) only next to another name; a capitalised
                    word straight after a listed forename, as a surname
==================  ==================================================================  ================

What it misses (so free text is still shown only for groups of at least 20, and only through
themes with a few examples): names not in the lists and not after a title, names written in
lower case, nicknames and initials alone ("JB said"), names in other scripts, misspelt
emails or numbers written in words, and indirect identifiers such as a unique job title,
team, ward or place ("the only podiatrist in our practice"). Capitalised everyday words
that are also names may be over-redacted at the start of a sentence.

Examples
--------
>>> redact("Ask Dr Smith on 07700 900123 or jo.bloggs@nhs.net")
'Ask [name] on [phone] or [email]'
>>> redact("Sarah Jones said the board will listen")
'[name] said the board will listen'
>>> redact("Mark Ellison and Sarah Okonkwo set it up")
'[name] and [name] set it up'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["redact"]

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:[\s()-]*\d){9,10}(?!\d)")
_NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")
_POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}\b",
    re.IGNORECASE,
)
_TITLES = (
    r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sister|Nurse|Matron|Sir|Dame|Rev|Revd|Cllr)"
)
_NAME_WORD = r"[A-Z][a-zA-Z'\u2019]+(?:-[A-Z][a-zA-Z'\u2019]+)?"
_TITLED = re.compile(rf"\b{_TITLES}\.?\s+(?:[A-Z]\.\s*)*{_NAME_WORD}(?:\s+{_NAME_WORD})?")
_CAPITALISED = re.compile(r"\b[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?\b")
_PLACEHOLDER = "[name]"


def _read(name: str) -> frozenset[str]:
    text = resources.files("pulse.analysis.text").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(names redacted anywhere they are capitalised, names redacted only next to a name,
    names that may be followed by a surname: forenames and the everyday-word names)."""
    ambiguous = _read("ambiguous.txt")
    forenames = _read("forenames.txt")
    listed = forenames | _read("surnames.txt")
    return listed - ambiguous, ambiguous, forenames | ambiguous


def _word(match: re.Match[str]) -> str:
    return match.group(0).lower().replace("\u2019", "'")


def _redact_listed_names(text: str) -> str:
    sure, ambiguous, forenames = _names()
    tokens = list(_CAPITALISED.finditer(text))
    kinds = [
        "sure" if _word(m) in sure else "maybe" if _word(m) in ambiguous else None for m in tokens
    ]
    hit = [kind == "sure" for kind in kinds]
    for i, kind in enumerate(kinds):
        if kind != "maybe":
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(tokens) and kinds[j] is not None and _adjacent(text, tokens, i, j):
                hit[i] = hit[j] = True
    # A capitalised word straight after a forename (or an everyday-word name) is taken to be a
    # surname, listed or not ("Mark Ellison", "Sarah Okonkwo"): over-redacting a phrase such as
    # "Bell Street" is safer than leaking a name.
    for i in range(len(tokens) - 1):
        if _word(tokens[i]) in forenames and _adjacent(text, tokens, i, i + 1):
            hit[i] = hit[i + 1] = True
    out, last = [], 0
    for i, m in enumerate(tokens):
        if not hit[i]:
            continue
        previous_hit = i > 0 and hit[i - 1] and _adjacent(text, tokens, i - 1, i)
        out.append(text[last : m.start()] if not previous_hit else "")
        if not previous_hit:
            out.append(_PLACEHOLDER)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _adjacent(text: str, tokens: list[re.Match[str]], i: int, j: int) -> bool:
    a, b = sorted((i, j))
    return text[tokens[a].end() : tokens[b].start()] == " "


def redact(text: str) -> str:
    """Replace personal details in ``text`` with placeholders (see the module table).

    Raises ``ValueError`` if ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise ValueError(f"redact() needs a string, got {type(text).__name__}")
    out = _URL.sub("[link]", text)
    out = _EMAIL.sub("[email]", out)
    out = _PHONE.sub("[phone]", out)
    out = _NHS_NUMBER.sub("[NHS number]", out)
    out = _POSTCODE.sub("[postcode]", out)
    out = _TITLED.sub(_PLACEHOLDER, out)
    return _redact_listed_names(out)
