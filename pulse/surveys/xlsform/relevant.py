"""The two ``relevant`` expressions supported, read into and written from ``show_if``."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pulse.surveys.definition import Condition

_NAME = r"\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}"
#: A code in straight or curly single or double quotes (spreadsheets "smarten" quotes), or a
#: bare whole number.
_CODE = r"""(?:'([^']*)'|"([^"]*)"|‘([^’]*)’|“([^”]*)”|(\d+))"""
_EQUALS = re.compile(rf"\s*{_NAME}\s*=\s*{_CODE}\s*")
_SELECTED = re.compile(rf"\s*selected\s*\(\s*{_NAME}\s*,\s*{_CODE}\s*\)\s*")
SUPPORTED = "${question} = 'code' or selected(${question}, 'code')"


def parse_relevant(expression: str, earlier: Mapping[str, str]) -> dict[str, str] | str:
    """A ``show_if`` mapping for ``expression``, or a message saying why it is not supported.

    ``earlier`` maps the names of the questions above to their definition types, so that
    ``selected()`` on a select_one question becomes ``equals``.
    """
    if match := _EQUALS.fullmatch(expression):
        name, code = match.group(1), _code(match)
        if earlier.get(name) == "multiple_choice":
            return (
                f'"{name}" is a select_multiple question, so use selected(${{{name}}}, '
                f"'{code}') to test whether a choice was selected."
            )
        return {"question": name, "equals": code}
    if match := _SELECTED.fullmatch(expression):
        name, code = match.group(1), _code(match)
        operator = (
            "includes" if earlier.get(name, "multiple_choice") == "multiple_choice" else "equals"
        )
        return {"question": name, operator: code}
    return _why_not(expression)


def _code(match: re.Match[str]) -> str:
    return next(group for group in match.groups()[1:] if group is not None).strip()


def _why_not(expression: str) -> str:
    if re.search(r"\b(and|or)\b", expression):
        return (
            'A condition can test only one answer: "and" and "or" are not supported. '
            f"Use {SUPPORTED}."
        )
    if "!=" in expression or re.search(r"\bnot\s*\(", expression):
        return f'"Not equal" conditions are not supported. Use {SUPPORTED}.'
    return f'"{expression}" is not a condition this platform supports. Use {SUPPORTED}.'


def format_relevant(condition: Condition) -> str:
    """The XLSForm ``relevant`` expression for a ``show_if`` condition."""
    if condition.includes is not None:
        return f"selected(${{{condition.question}}}, '{condition.includes}')"
    return f"${{{condition.question}}} = '{condition.equals}'"
