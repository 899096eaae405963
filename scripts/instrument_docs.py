"""Generate the reference documents for the standard instrument and framework from their YAML.

The YAML files are the single source of truth; the markdown in docs/ is derived from them so the
two cannot drift apart.

Usage (from the repository root):

    python scripts/instrument_docs.py           # rewrite the documents
    python scripts/instrument_docs.py --check   # exit 1 if a document is out of date

Pure Python: needs only PyYAML.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
INSTRUMENT_YAML = ROOT / "pulse/surveys/instruments/ccpl-pulse-check/v1.yaml"
INSTRUMENT_DOC = ROOT / "docs/instruments/ccpl-pulse-check-v1.md"
FRAMEWORK_YAML = ROOT / "pulse/assessments/frameworks/ccpl-culture/v1.yaml"
FRAMEWORK_DOC = ROOT / "docs/framework/ccpl-culture-v1.md"

SCORED_TYPES = {"agreement", "layer_grid"}
LEVEL_CODES = ["emerging", "developing", "maturing", "thriving"]
DASH = "\u2013"  # an en dash marks an empty cell


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def cell(value: object) -> str:
    """Make a value safe for one markdown table cell."""
    if value is None or value == "":
        return DASH
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def generated_note(source: Path) -> str:
    return (
        f"> Generated from `{source.relative_to(ROOT)}` by `scripts/instrument_docs.py`. "
        "Do not edit by hand: change the YAML and run the script again."
    )


def questions_of(definition: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (section, question) pair in order."""
    return [
        (section, question)
        for section in definition["sections"]
        for question in section["questions"]
    ]


def is_scored(question: dict[str, Any]) -> bool:
    return question["type"] in SCORED_TYPES


def dimension_of(question: dict[str, Any]) -> str:
    if question.get("equality"):
        return f"{question['key']} (equality)"
    return str(question.get("dimension") or "")


def layer_of(question: dict[str, Any]) -> str:
    if question["type"] == "layer_grid":
        return "grid: each chosen layer"
    return str(question.get("layer") or "")


def reverse_of(question: dict[str, Any]) -> str:
    if not is_scored(question):
        return ""
    return "yes" if question.get("reverse") else "no"


def principle_keys(definition: dict[str, Any]) -> dict[str, list[str]]:
    """Question keys for each principle code, in questionnaire order."""
    keys: dict[str, list[str]] = {}
    for _, question in questions_of(definition):
        if question.get("principle"):
            keys.setdefault(question["principle"], []).append(question["key"])
    return keys


def check_instrument(definition: dict[str, Any]) -> None:
    keys = [question["key"] for _, question in questions_of(definition)]
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate question keys: {', '.join(duplicates)}")


def check_framework(framework: dict[str, Any], instrument: dict[str, Any]) -> None:
    problems: list[str] = []
    if [level["code"] for level in framework["levels"]] != LEVEL_CODES:
        problems.append(f"levels must be exactly {LEVEL_CODES}, in order")
    by_principle = principle_keys(instrument)
    seen: set[str] = set()
    for principle in framework["principles"]:
        code = principle["code"]
        if principle["pulse_questions"] != by_principle.get(code, []):
            problems.append(
                f"{code}: pulse_questions must list the pulse check questions with principle "
                f"{code}, in order: {by_principle.get(code, [])}"
            )
        if not 4 <= len(principle["indicators"]) <= 6:
            problems.append(f"{code}: needs four to six indicators")
        for indicator in principle["indicators"]:
            key = indicator["key"]
            if key in seen:
                problems.append(f"{code}: duplicate indicator key {key}")
            seen.add(key)
            if list(indicator["levels"]) != LEVEL_CODES:
                problems.append(f"{key}: needs a descriptor for each of {LEVEL_CODES}, in order")
            elif len(set(indicator["levels"].values())) != len(LEVEL_CODES):
                problems.append(f"{key}: each level needs its own descriptor")
    if problems:
        raise ValueError("framework problems:\n" + "\n".join(problems))


def render_instrument(definition: dict[str, Any], source: Path = INSTRUMENT_YAML) -> str:
    """The question reference for an instrument version, as markdown."""
    check_instrument(definition)
    pairs = questions_of(definition)
    title = f"{definition['title']} v{definition['version']}"
    out = [f"# {title}: questions", "", generated_note(source), ""]
    out += [
        f"Key `{definition['key']}`, version {definition['version']}, "
        f"{len(pairs)} questions in {len(definition['sections'])} sections"
        + (
            f", about {definition['estimated_minutes']} minutes."
            if definition.get("estimated_minutes")
            else "."
        ),
        "",
        " ".join(definition["description"].split()),
        "",
        "A `layer_grid` question counts once here. The respondent answers it once for each layer "
        "they chose in `layers`, and each answer is stored as `<key>__<layer>`. Reverse-scored "
        "items are scored 10 minus the score.",
        "",
        "## Summary",
        "",
        "### Sections",
        "",
    ]
    out += table(
        ["#", "section", "key", "questions"],
        [
            [number, section["title"], f"`{section['key']}`", len(section["questions"])]
            for number, section in enumerate(definition["sections"], start=1)
        ],
    )

    scored = [question for _, question in pairs if is_scored(question)]
    constructs: dict[str, list[dict[str, Any]]] = {}
    for question in scored:
        constructs.setdefault(question.get("construct") or "", []).append(question)
    out += ["", "### Constructs", ""]
    out += [
        "Items about a principle carry the principle and no construct: the principle is the "
        "scale. Only the cross-cutting scales carry a construct.",
        "",
    ]
    construct_rows: list[list[object]] = []
    for construct, items in constructs.items():
        principles = sorted({q["principle"] for q in items if q.get("principle")})
        construct_rows.append(
            [
                f"`{construct}`" if construct else "(none: scored by principle)",
                len(items),
                sum(1 for q in items if q.get("reverse")),
                ", ".join(principles),
                ", ".join(f"`{q['key']}`" for q in items),
            ]
        )
    out += table(["construct", "items", "reverse-scored", "principles", "keys"], construct_rows)

    out += ["", "### Principles", ""]
    principle_rows: list[list[object]] = []
    for code, keys in sorted(principle_keys(definition).items()):
        principle_rows.append([code, len(keys), ", ".join(f"`{key}`" for key in keys)])
    no_principle = [q["key"] for q in scored if not q.get("principle")]
    principle_rows.append(
        ["(none)", len(no_principle), ", ".join(f"`{key}`" for key in no_principle)]
    )
    out += table(["principle", "scored items", "keys"], principle_rows)

    out += ["", "### Breakdown dimensions", ""]
    out += table(
        ["dimension", "question"],
        [
            [dimension_of(question), f"`{question['key']}`"]
            for _, question in pairs
            if dimension_of(question)
        ],
    )

    out += ["", "## All questions", ""]
    out += table(
        [
            "#",
            "key",
            "section",
            "type",
            "construct",
            "principle",
            "layer",
            "reverse",
            "dimension",
            "required",
        ],
        [
            [
                number,
                f"`{question['key']}`",
                section["title"],
                question["type"],
                question.get("construct"),
                question.get("principle"),
                layer_of(question),
                reverse_of(question),
                dimension_of(question),
                "yes" if question.get("required", True) else "no",
            ]
            for number, (section, question) in enumerate(pairs, start=1)
        ],
    )

    out += ["", "## Wording and options", ""]
    number = 0
    for section_number, section in enumerate(definition["sections"], start=1):
        out += [f"### Section {section_number}: {section['title']}", ""]
        if section.get("intro"):
            out += [" ".join(section["intro"].split()), ""]
        for question in section["questions"]:
            number += 1
            out += [f"#### {number}. `{question['key']}`", "", " ".join(question["text"].split())]
            out += [""]
            if question.get("hint"):
                out += [f"Hint: {' '.join(question['hint'].split())}", ""]
            if question.get("show_if"):
                condition = question["show_if"]
                verb = "equals" if "equals" in condition else "includes"
                out += [
                    f"Shown only if `{condition['question']}` {verb} `{condition[verb]}`.",
                    "",
                ]
            if question["type"] in SCORED_TYPES:
                out += ["Answered on the agreement scale (Strongly disagree to Strongly agree)."]
                out += [""]
            elif question["type"] == "place":
                out += ["Options: the ICS's own list of places, plus `prefer_not_to_say`.", ""]
            if question.get("options"):
                out += table(
                    ["code", "label"],
                    [[f"`{option['code']}`", option["label"]] for option in question["options"]],
                )
                out += [""]
    return "\n".join(out).rstrip() + "\n"


def render_framework(
    framework: dict[str, Any],
    instrument: dict[str, Any],
    source: Path = FRAMEWORK_YAML,
) -> str:
    """The self-assessment framework, as markdown, with the pulse questions it links to."""
    check_framework(framework, instrument)
    question_text = {question["key"]: question["text"] for _, question in questions_of(instrument)}
    levels = {level["code"]: level["label"] for level in framework["levels"]}
    total = sum(len(principle["indicators"]) for principle in framework["principles"])

    out = [f"# {framework['title']} v{framework['version']}", "", generated_note(source), ""]
    out += [
        f"Key `{framework['key']}`, version {framework['version']}: "
        f"{len(framework['gateway'])} gateway questions, {len(framework['principles'])} "
        f"principles and {total} indicators, each described at {len(levels)} levels.",
        "",
        " ".join(framework["description"].split()),
        "",
        "## Levels",
        "",
    ]
    out += table(
        ["code", "level", "what it means"],
        [[f"`{level['code']}`", level["label"], level["summary"]] for level in framework["levels"]],
    )
    out += [
        "",
        "## Gateway: the two core expectations",
        "",
        "Answer each one yes, partly or no, and give the evidence.",
        "",
    ]
    for item in framework["gateway"]:
        out += [
            f"### {item['title']} (`{item['key']}`)",
            "",
            " ".join(item["question"].split()),
            "",
            f"Evidence: {' '.join(item['evidence_hint'].split())}",
            "",
        ]
    out += ["## Principles at a glance", ""]
    out += table(
        ["principle", "title", "indicators", "pulse check questions"],
        [
            [
                principle["code"],
                principle["title"],
                len(principle["indicators"]),
                len(principle["pulse_questions"]),
            ]
            for principle in framework["principles"]
        ],
    )
    out += [""]
    for principle in framework["principles"]:
        code = principle["code"]
        out += [f"## {code}: {principle['title']}", "", " ".join(principle["summary"].split()), ""]
        out += ["What leaders report on this principle in the pulse check:", ""]
        out += [f"- `{key}`: {question_text[key]}" for key in principle["pulse_questions"]]
        out += [""]
        for number, indicator in enumerate(principle["indicators"], start=1):
            out += [
                f"### {code}.{number} {indicator['title']} (`{indicator['key']}`)",
                "",
                f"What good looks like: {' '.join(indicator['what_good_looks_like'].split())}",
                "",
                f"Evidence a panel could point to: "
                f"{' '.join(indicator['evidence_examples'].split())}",
                "",
            ]
            out += table(
                ["level", "descriptor"],
                [[levels[level], indicator["levels"][level]] for level in LEVEL_CODES],
            )
            out += [""]
    return "\n".join(out).rstrip() + "\n"


def build() -> dict[Path, str]:
    instrument = load_yaml(INSTRUMENT_YAML)
    framework = load_yaml(FRAMEWORK_YAML)
    return {
        INSTRUMENT_DOC: render_instrument(instrument),
        FRAMEWORK_DOC: render_framework(framework, instrument),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a document is out of date; write nothing"
    )
    args = parser.parse_args(argv)
    stale = []
    for path, text in build().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run python scripts/instrument_docs.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
