"""The wording of invitation and reminder emails: placeholders, checks and filling them in.

Placeholders are written in double brackets, as GOV.UK Notify writes them: ``((link))``. The
link and the unsubscribe link must both be in the body, so that every email can be answered
and every email lets the person stop further emails. This module imports no Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDERS = {
    "survey_title": "the survey's title",
    "ics_name": "your integrated care system's name",
    "closing_date": "the closing date, like 30 June 2027",
    "link": "the person's own link to the survey (body only)",
    "unsubscribe_link": "the link to stop further emails (body only)",
}
BODY_ONLY = ("link", "unsubscribe_link")
REQUIRED_IN_BODY = ("link", "unsubscribe_link")
_PLACEHOLDER = re.compile(r"\(\(\s*([^()]*?)\s*\)\)")
SUBJECT_MAX_CHARS = 200
BODY_MAX_CHARS = 5_000

DEFAULT_INVITATION_SUBJECT = "((survey_title)): please share your views"
DEFAULT_INVITATION_BODY = """Dear colleague,

((ics_name)) invites you to take part in ((survey_title)), a short survey of clinical and care professional leaders about how involved you feel in the work of our integrated care system.

Your answers are anonymous. The link below is yours alone: it lets you answer once, and nobody can see whether you have answered or what you said. Results are only shown for groups of at least 10 people.

Answer the survey:
((link))

The survey closes on ((closing_date)).

If you do not want any more emails about this survey:
((unsubscribe_link))
"""
DEFAULT_REMINDER_SUBJECT = "Reminder: ((survey_title)) closes on ((closing_date))"
DEFAULT_REMINDER_BODY = """Dear colleague,

If you have not yet answered ((survey_title)), there is still time: it closes on ((closing_date)). It takes about 10 minutes, and your answers are anonymous.

We send this reminder automatically to everyone who has not answered. Nobody at ((ics_name)) can see who has answered.

Answer the survey:
((link))

If you do not want any more emails about this survey:
((unsubscribe_link))
"""


def placeholder_list() -> str:
    return ", ".join(f"(({name}))" for name in PLACEHOLDERS)


def wording_problems(text: str, *, part: str) -> list[str]:
    """What is wrong with a subject (`part` "subject") or body ("body"), in NHS wording."""
    problems: list[str] = []
    found = [match.group(1) for match in _PLACEHOLDER.finditer(text)]
    for name in dict.fromkeys(found):
        if name not in PLACEHOLDERS:
            shown = f"(({name}))" if name else "(())"
            problems.append(
                f"{shown} is not a placeholder you can use. Use one of {placeholder_list()}"
            )
        elif part == "subject" and name in BODY_ONLY:
            problems.append(f"The subject cannot include (({name})). Put it in the message")
    leftover = _PLACEHOLDER.sub("", text)
    if "((" in leftover or "))" in leftover:
        problems.append(
            "Check the brackets: each placeholder needs 2 opening and 2 closing brackets, "
            "like ((link))"
        )
    if part == "body":
        for name in REQUIRED_IN_BODY:
            if name not in found:
                what = "their link to the survey" if name == "link" else "a way to stop emails"
                problems.append(f"Include (({name})) in the message so people get {what}")
    return problems


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with every placeholder replaced (checked text only: unknown names stay)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
