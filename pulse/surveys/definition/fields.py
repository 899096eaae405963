"""Readers for single fields of a definition mapping, each recording its problems."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulse.surveys.definition.model import Path, Problem, format_path

#: Section and question keys, construct codes: snake_case starting with a letter, no "__"
#: (which separates a layer grid key from its layer in answer keys).
SNAKE_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
#: Option codes: snake_case that may start with a digit (XLSForm choices are often 1, 2, 3).
CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
INSTRUMENT_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KEY_MAX_CHARS = 64
SHORT_TEXT_MAX_CHARS = 500
LONG_TEXT_MAX_CHARS = 5_000
#: Characters that cannot be stored in a spreadsheet or XML document.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

SNAKE_RULE = (
    "use lowercase letters, digits and single underscores, starting with a letter, "
    'for example "shape_vision"'
)
CODE_RULE = 'use lowercase letters, digits and single underscores, for example "nursing_midwifery"'
INSTRUMENT_KEY_RULE = 'use lowercase letters, digits and hyphens, for example "ccpl-pulse-check"'


def describe(value: object) -> str:
    """A plain-English name for the kind of a wrong value."""
    if isinstance(value, bool):
        return (
            f"{str(value).lower()} (in YAML, words such as yes, no, on and off "
            'mean true or false unless they are in quotes: write "yes")'
        )
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"{type(value).__name__} {value!r}"


@dataclass
class Problems:
    """Collects problems in the order found."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path, message: str) -> None:
        self.items.append(Problem(location=format_path(path), message=message, path=path))


@dataclass
class Fields:
    """Typed access to the fields of one mapping at ``path``."""

    raw: Mapping[str, Any]
    path: Path
    problems: Problems

    def at(self, name: str) -> Path:
        return (*self.path, name)

    def present(self, name: str) -> bool:
        return self.raw.get(name) is not None

    def check_known(self, allowed: Collection[str], thing: str) -> None:
        """Report every field that is not in ``allowed`` (usually a misspelling)."""
        for name in self.raw:
            if name not in allowed:
                self.problems.add(
                    (*self.path, str(name)),
                    f'"{name}" is not a field of {thing}. Check the spelling; the fields are: '
                    f"{', '.join(allowed)}.",
                )

    def text(self, name: str, what: str, *, required: bool, limit: int) -> str | None:
        """Text with surrounding space removed and line endings normalised; empty is absent."""
        value = self.raw.get(name)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if value is None or value == "":
            if required:
                self.problems.add(self.at(name), f"Enter {what}.")
            return None
        if not isinstance(value, str):
            self.problems.add(self.at(name), f"Expected text here, not {describe(value)}.")
            return None
        if _CONTROL.search(value):
            self.problems.add(
                self.at(name),
                "Remove the control character (an invisible character such as a form feed, "
                "often pasted in from another program).",
            )
        if len(value) > limit:
            self.problems.add(
                self.at(name), f"This is {len(value):,} characters long; the limit is {limit:,}."
            )
        return value

    def key(self, name: str, what: str, *, pattern: re.Pattern[str], rule: str) -> str | None:
        """A required key matching ``pattern``; ``rule`` says in words what is allowed."""
        value = self.raw.get(name)
        if value is None or value == "":
            self.problems.add(self.at(name), f"Enter {what}: {rule}.")
            return None
        return self.code(name, pattern=pattern, rule=rule)

    def code(self, name: str, *, pattern: re.Pattern[str], rule: str) -> str | None:
        """An optional code matching ``pattern``."""
        value = self.raw.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problems.add(self.at(name), f"Expected a code in quotes, not {describe(value)}.")
            return None
        if not pattern.fullmatch(value) or len(value) > KEY_MAX_CHARS:
            self.problems.add(
                self.at(name),
                f'"{value}" cannot be used here: {rule}, at most {KEY_MAX_CHARS} characters.',
            )
        return value

    def boolean(self, name: str, *, default: bool) -> bool:
        value = self.raw.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.add(self.at(name), f"Expected true or false, not {describe(value)}.")
            return default
        return value

    def integer(self, name: str, what: str, *, required: bool, minimum: int | None) -> int | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.problems.add(self.at(name), f"Enter {what} as a whole number.")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.add(self.at(name), f"Expected a whole number, not {describe(value)}.")
            return None
        if minimum is not None and value < minimum:
            self.problems.add(self.at(name), f"{what.capitalize()} must be {minimum} or more.")
        return value

    def choice(self, name: str, allowed: Collection[str], what: str) -> str | None:
        """An optional value from a fixed list."""
        value = self.raw.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            shown = f'"{value}"' if isinstance(value, str) else describe(value)
            self.problems.add(
                self.at(name), f"{shown} is not {what}. Use one of: {', '.join(allowed)}."
            )
            return None
        return value

    def items(self, name: str, what: str) -> list[Any] | None:
        """A list field; ``None`` (with a problem) when it is not a list."""
        value = self.raw.get(name)
        if value is None:
            return None
        if not isinstance(value, list | tuple):
            self.problems.add(self.at(name), f"Expected a list of {what}, not {describe(value)}.")
            return None
        return list(value)
