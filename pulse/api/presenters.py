"""Domain objects and stored records as the API's response shapes (`pulse.api.schemas`)."""

from typing import Any

import polars as pl
from django.urls import reverse

from pulse.api.results import TABLES
from pulse.organisations.models import ICS, Membership
from pulse.reports.breakdowns import breakdown_code
from pulse.reports.national.table import AreaRow, Score, SystemRow
from pulse.reports.presenters.labels import construct_name
from pulse.reports.results import Results
from pulse.surveys.frames import instrument_meta
from pulse.surveys.models import Instrument, InstrumentVersion, Wave


def system(ics: ICS) -> dict[str, Any]:
    return {
        "code": ics.ods_code,
        "ons_code": ics.ons_code,
        "name": ics.name,
        "short_name": ics.short_name,
        "region": {"code": ics.region.code, "name": ics.region.name},
        "named_in_benchmarks": ics.benchmark_named,
    }


def role(membership: Membership) -> dict[str, Any]:
    return {
        "role": membership.role,
        "role_name": membership.get_role_display(),
        "system": membership.ics.ods_code if membership.ics else None,
        "region": membership.region.code if membership.region else None,
    }


def instrument(item: Instrument) -> dict[str, Any]:
    versions = sorted(item.versions.all(), key=lambda v: v.version)
    return {
        "id": item.pk,
        "key": item.key,
        "title": item.title,
        "standard": item.ics_id is None,
        "system": item.ics.ods_code if item.ics else None,
        "versions": [{"version": v.version, "created_at": v.created_at} for v in versions],
    }


def _question(question: Any, section: str, layers: tuple[str, ...]) -> dict[str, Any]:
    if question.type == "layer_grid":
        keys = [f"{question.key}__{layer}" for layer in layers]
    else:
        keys = [question.key] if question.is_answered else []
    return {
        "key": question.key,
        "type": question.type,
        "text": question.text,
        "section": section,
        "construct": question.construct,
        "principle": question.principle,
        "layer": question.layer,
        "reverse": question.reverse,
        "dimension": question.dimension_key,
        "options": [{"code": o.code, "label": o.label} for o in question.answer_options()],
        "answer_keys": keys,
    }


def instrument_version(version: InstrumentVersion) -> dict[str, Any]:
    definition = version.definition
    layers = definition.layer_codes()
    meta = instrument_meta(definition, [])
    return {
        "instrument_id": version.instrument_id,
        "key": definition.key,
        "title": definition.title,
        "version": version.version,
        "description": definition.description,
        "questions": [
            _question(q, section.key, layers)
            for section in definition.sections
            for q in section.questions
        ],
        "constructs": [
            {
                "key": c.key,
                "name": construct_name(c.key, c.label),
                "kind": c.kind,
                "item_keys": list(c.item_keys),
                "components": list(c.components),
            }
            for c in meta.constructs
        ],
    }


def wave_summary(wave: Wave) -> dict[str, Any]:
    return {
        "id": wave.pk,
        "title": wave.title,
        "instrument_id": wave.version.instrument_id,
        "instrument_key": wave.version.instrument.key,
        "instrument_version": wave.version.version,
        "opens_on": wave.opens_on,
        "closes_on": wave.closes_on,
        "published_on": wave.published_at.date() if wave.published_at else None,
        "results_ready": hasattr(wave, "publication"),
    }


def _responses(results: Results) -> int | None:
    rows = results.table("groups").filter(pl.col("group_id") == "all").to_dicts()
    return rows[0]["n"] if rows and not rows[0]["suppressed"] else None


def wave_detail(wave: Wave, results: Results | None) -> dict[str, Any]:
    base = {**wave_summary(wave), "results_ready": results is not None, "system": wave.ics.ods_code}
    if results is None:
        return {**base, "k": None, "responses": None, "breakdowns": [], "tables": []}
    kwargs = {"ics_code": wave.ics.ods_code, "wave_id": wave.pk}
    return {
        **base,
        "k": results.k,
        "responses": _responses(results),
        "breakdowns": [breakdown_code(b) for b in results.breakdowns],
        "tables": [
            {
                "name": name,
                "title": spec.title,
                "description": spec.description,
                "url": reverse("api:results_table", kwargs={**kwargs, "table": name}),
            }
            for name, spec in TABLES.items()
        ],
    }


def score(item: Score) -> dict[str, Any]:
    return {
        "key": item.key,
        "name": construct_name(item.key),
        "n": item.n,
        "mean": item.mean,
        "pct_positive": item.pct_positive,
        "quartile_band": item.quartile_band,
        "funnel_flag": item.funnel_flag,
        "change": item.change,
        "suppressed": item.suppressed,
        "reason": item.reason,
    }


def benchmark_system(row: SystemRow, keys: list[str]) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "region": {"code": row.region_code, "name": row.region_name},
        "wave_id": row.wave_id,
        "wave_title": row.wave_title,
        "opens_on": row.opens_on,
        "closes_on": row.closes_on,
        "responses": row.responses,
        "responses_suppressed": row.responses is None,
        "responses_reason": row.responses_reason if row.responses is None else None,
        "previous_survey": row.earlier_title,
        "scores": [score(row.scores[k]) for k in keys if k in row.scores],
    }


def area(row: AreaRow, keys: list[str]) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "kind": "england" if row.code == "england" else "region",
        "systems": row.systems,
        "scores": [score(row.scores[k]) for k in keys if k in row.scores],
    }
