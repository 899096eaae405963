"""``parse_definition``: plain data (from YAML or an XLSForm workbook) -> ``Definition``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pulse.surveys.definition.fields import (
    INSTRUMENT_KEY,
    INSTRUMENT_KEY_RULE,
    LONG_TEXT_MAX_CHARS,
    SHORT_TEXT_MAX_CHARS,
    SNAKE_KEY,
    SNAKE_RULE,
    Fields,
    Problems,
    describe,
)
from pulse.surveys.definition.model import Definition, DefinitionError, Path, Problem, Section
from pulse.surveys.definition.questions import parse_question
from pulse.surveys.definition.rules import Located, check_rules

DEFINITION_FIELDS = ("key", "version", "title", "description", "estimated_minutes", "sections")
SECTION_FIELDS = ("key", "title", "intro", "questions")


def parse_definition(data: Mapping[str, Any]) -> Definition:
    """Validate ``data`` against docs/instrument-format.md and return the definition.

    Every problem is collected before raising, so an author can fix them all at once.

    Raises
    ------
    DefinitionError
        Listing each problem with its location (for example ``sections[2].questions[4].options``)
        and a plain-English message.
    """
    if not isinstance(data, Mapping):
        problem = Problem(
            location="definition",
            message=f"Expected a mapping with key, version, title, description and sections, "
            f"not {describe(data)}.",
        )
        raise DefinitionError([problem])
    problems = Problems()
    f = Fields(data, (), problems)
    f.check_known(DEFINITION_FIELDS, "a definition")
    key = f.key("key", "the instrument key", pattern=INSTRUMENT_KEY, rule=INSTRUMENT_KEY_RULE)
    version = f.integer("version", "the version", required=True, minimum=1)
    title = f.text("title", "a title", required=True, limit=SHORT_TEXT_MAX_CHARS)
    description = f.text("description", "a description", required=True, limit=LONG_TEXT_MAX_CHARS)
    minutes = f.integer("estimated_minutes", "the estimated minutes", required=False, minimum=1)
    sections, questions = _parse_sections(f)
    check_rules(sections, questions, problems)
    if problems.items:
        raise DefinitionError(sorted(problems.items, key=_position))
    return Definition(
        key=key or "",
        version=version or 0,
        title=title or "",
        description=description or "",
        estimated_minutes=minutes,
        sections=tuple(section for _, section in sections),
    )


def parse_stored_definition(data: Mapping[str, Any]) -> Definition:
    """``parse_definition`` for a definition already stored, remembered per process by its
    content: a stored version never changes, and every respondent page and submission needs it,
    so each process parses it once. The result is immutable, so sharing it is safe."""
    return _parse_text(json.dumps(data, sort_keys=True))


@lru_cache(maxsize=64)
def _parse_text(text: str) -> Definition:
    return parse_definition(json.loads(text))


def _position(problem: Problem) -> tuple[int, int]:
    """Order problems by section and question; top-level problems first."""
    path = problem.path
    section = path[1] if len(path) > 1 and isinstance(path[1], int) else -1
    question = path[3] if len(path) > 3 and isinstance(path[3], int) else -1
    return (section, question)


def _parse_sections(f: Fields) -> tuple[list[tuple[Path, Section]], list[Located]]:
    raw_sections = f.items("sections", "sections")
    if raw_sections is None:
        if not f.present("sections"):
            f.problems.add(f.at("sections"), "Add at least one section.")
        return [], []
    if not raw_sections:
        f.problems.add(f.at("sections"), "Add at least one section.")
    sections: list[tuple[Path, Section]] = []
    questions: list[Located] = []
    for index, raw in enumerate(raw_sections):
        path = (*f.at("sections"), index)
        section = _parse_section(raw, path, f.problems, questions)
        if section is not None:
            sections.append((path, section))
    return sections, questions


def _parse_section(
    raw: object, path: Path, problems: Problems, questions: list[Located]
) -> Section | None:
    """Parse one section, appending its questions (with their positions) to ``questions``."""
    if not isinstance(raw, Mapping):
        problems.add(path, f"Expected a section (key, title, questions), not {describe(raw)}.")
        return None
    f = Fields(raw, path, problems)
    f.check_known(SECTION_FIELDS, "a section")
    key = f.key("key", "a key for this section", pattern=SNAKE_KEY, rule=SNAKE_RULE)
    title = f.text("title", "the section title", required=True, limit=SHORT_TEXT_MAX_CHARS)
    intro = f.text("intro", "the introduction", required=False, limit=LONG_TEXT_MAX_CHARS)
    raw_questions = f.items("questions", "questions")
    if not raw_questions and not (raw_questions is None and f.present("questions")):
        problems.add(f.at("questions"), "Add at least one question to this section.")
    parsed = []
    for index, raw_question in enumerate(raw_questions or []):
        question_path = (*f.at("questions"), index)
        question = parse_question(raw_question, question_path, problems)
        if question is not None:
            questions.append(Located(question_path, len(questions), question))
            parsed.append(question)
    return Section(key=key or "", title=title or "", intro=intro, questions=tuple(parsed))
