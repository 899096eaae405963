"""The self-assessment framework as frozen dataclasses, parsed and checked from its YAML.

A framework version (`frameworks/<key>/v<n>.yaml`, documented in docs/framework/) has four
levels, a gateway on the two core expectations and the five principles, each with four to six
indicators that describe every level. `parse_framework` checks every rule and raises
`FrameworkError` listing each problem; the data migration stores what it returns.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"
STANDARD_FILE = FRAMEWORKS_DIR / "ccpl-culture" / "v1.yaml"
LEVEL_CODES: tuple[str, ...] = ("emerging", "developing", "maturing", "thriving")
PRINCIPLE_CODES: tuple[str, ...] = ("P1", "P2", "P3", "P4", "P5")


class FrameworkError(ValueError):
    """The framework file is invalid; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class LevelText:
    code: str
    label: str
    summary: str


@dataclass(frozen=True)
class GatewayItem:
    key: str
    title: str
    question: str
    evidence_hint: str


@dataclass(frozen=True)
class IndicatorText:
    key: str
    title: str
    what_good_looks_like: str
    evidence_examples: str
    levels: dict[str, str]


@dataclass(frozen=True)
class PrincipleText:
    code: str
    title: str
    summary: str
    pulse_questions: tuple[str, ...]
    indicators: tuple[IndicatorText, ...]


@dataclass(frozen=True)
class Framework:
    key: str
    version: int
    title: str
    description: str
    levels: tuple[LevelText, ...]
    gateway: tuple[GatewayItem, ...]
    principles: tuple[PrincipleText, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _text(value: object) -> str:
    """Folded YAML text with its line breaks and repeated spaces collapsed."""
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _require(data: dict[str, Any], keys: tuple[str, ...], where: str, problems: list[str]) -> bool:
    missing = [key for key in keys if not _text(data.get(key))]
    problems.extend(f"{where}: {key} is missing or empty" for key in missing)
    return not missing


def _levels(raw: Any, problems: list[str]) -> tuple[LevelText, ...]:
    items = raw if isinstance(raw, list) else []
    codes = [item.get("code") for item in items if isinstance(item, dict)]
    if tuple(codes) != LEVEL_CODES:
        problems.append(f"levels: must be exactly {', '.join(LEVEL_CODES)}, in that order")
        return ()
    for item in items:
        _require(item, ("label", "summary"), f"levels.{item['code']}", problems)
    return tuple(
        LevelText(i["code"], _text(i.get("label")), _text(i.get("summary"))) for i in items
    )


def _gateway(raw: Any, problems: list[str]) -> tuple[GatewayItem, ...]:
    items = [item for item in raw if isinstance(item, dict)] if isinstance(raw, list) else []
    if len(items) != 2:
        problems.append("gateway: needs exactly two questions, one per core expectation")
    out = []
    for number, item in enumerate(items, start=1):
        fields = ("key", "title", "question", "evidence_hint")
        if _require(item, fields, f"gateway question {number}", problems):
            out.append(GatewayItem(*(_text(item[f]) for f in fields)))
    return tuple(out)


def _indicator(item: dict[str, Any], where: str, problems: list[str]) -> IndicatorText | None:
    fields = ("key", "title", "what_good_looks_like", "evidence_examples")
    ok = _require(item, fields, where, problems)
    levels = item.get("levels") if isinstance(item.get("levels"), dict) else {}
    if tuple(levels) != LEVEL_CODES or not all(_text(v) for v in levels.values()):
        problems.append(f"{where}: needs a descriptor for each of {', '.join(LEVEL_CODES)}")
        return None
    if len({_text(v) for v in levels.values()}) != len(LEVEL_CODES):
        problems.append(f"{where}: each level needs its own descriptor")
        return None
    if not ok:
        return None
    texts = {code: _text(text) for code, text in levels.items()}
    return IndicatorText(*(_text(item[f]) for f in fields), levels=texts)


def _principle(item: dict[str, Any], where: str, problems: list[str]) -> PrincipleText | None:
    ok = _require(item, ("code", "title", "summary"), where, problems)
    raw = item.get("indicators") if isinstance(item.get("indicators"), list) else []
    if not 4 <= len(raw) <= 6:
        problems.append(f"{where}: needs four to six indicators")
    indicators = [
        _indicator(ind, f"{where} indicator {n}", problems)
        for n, ind in enumerate(raw, start=1)
        if isinstance(ind, dict)
    ]
    questions = item.get("pulse_questions") or []
    if not ok or None in indicators:
        return None
    return PrincipleText(
        code=_text(item["code"]),
        title=_text(item["title"]),
        summary=_text(item["summary"]),
        pulse_questions=tuple(str(q) for q in questions),
        indicators=tuple(i for i in indicators if i is not None),
    )


def parse_framework(data: Any) -> Framework:
    """Check a framework read from YAML and return it; `FrameworkError` lists every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise FrameworkError(["the file must hold a mapping with key, version and principles"])
    _require(data, ("key", "title", "description"), "framework", problems)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("framework: version must be a whole number from 1")
    levels = _levels(data.get("levels"), problems)
    gateway = _gateway(data.get("gateway"), problems)
    raw = data.get("principles") if isinstance(data.get("principles"), list) else []
    principles = [
        _principle(p, f"principle {n}", problems)
        for n, p in enumerate(raw, start=1)
        if isinstance(p, dict)
    ]
    codes = tuple(p.code for p in principles if p is not None)
    if codes != PRINCIPLE_CODES and not problems:
        problems.append(f"principles: must be {', '.join(PRINCIPLE_CODES)}, in that order")
    keys = [i.key for p in principles if p for i in p.indicators] + [g.key for g in gateway]
    problems.extend(
        f"key {k} is used twice" for k in sorted({k for k in keys if keys.count(k) > 1})
    )
    if problems:
        raise FrameworkError(problems)
    return Framework(
        key=_text(data["key"]),
        version=int(version),
        title=_text(data["title"]),
        description=_text(data["description"]),
        levels=levels,
        gateway=gateway,
        principles=tuple(p for p in principles if p is not None),
    )


def load_framework_file(path: str | Path = STANDARD_FILE) -> Framework:
    """Read and check a framework YAML file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FrameworkError([f"{Path(path).name} is not valid YAML: {error}"]) from None
    return parse_framework(data)
