"""Benchmark of the analysis package on a synthetic national frame.

Run from the repository root::

    python -m bench.analysis --responses 1000000

It generates ``--responses`` synthetic responses x 40 agreement items across the 42 ICSs
(ODS codes from ``shared/reference/icbs.csv`` when present, else synthetic codes), then times:

``national_aggregation_s``
    :func:`pulse.analysis.publish_wave` of every construct by ICS and by ICS x profession
    group, with full disclosure control (validation and scoring included).
``benchmark_table_s``
    :func:`pulse.analysis.benchmark_icss` of every item: the table of every item x answer x
    ICS with England values and funnel limits (validation and scoring included).

and prints one JSON line. Targets on a 2-core machine: <= 1 s and <= 10 s (DESIGN.md section 8).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import time
from pathlib import Path

import numpy as np
import polars as pl

from pulse.analysis import (
    Dimension,
    InstrumentMeta,
    Item,
    Option,
    benchmark_icss,
    layer_dimension,
    layer_grid_items,
    publish_wave,
)
from pulse.analysis.meta import LAYERS

PROFESSIONS = (
    "medical",
    "nursing_midwifery",
    "allied_health",
    "pharmacy",
    "social_care",
    "psychology",
    "dental",
    "healthcare_science",
)
SECTORS = ("acute", "primary_care", "community", "mental_health", "social_care")
GRID_STEMS = ("involve_vision", "involve_decisions", "involve_resources")


def ics_codes() -> list[str]:
    """The 42 ODS codes, from the reference data the project owns."""
    path = Path(__file__).resolve().parent.parent / "pulse" / "organisations" / "data" / "icbs.csv"
    with path.open(encoding="utf-8") as handle:
        return [row["ods_code"] for row in csv.DictReader(handle)]


def instrument() -> InstrumentMeta:
    """25 plain items over P1..P5 and ``culture``, and 3 layer-grid questions x 5 layers."""
    items: list[Item] = []
    for i in range(25):
        principle = f"P{1 + i % 5}"
        construct = "culture" if i % 4 == 0 else None
        items.append(
            Item(
                f"q{i:02d}",
                f"q{i:02d}",
                f"Item {i}",
                principle=principle,
                construct=construct,
                reverse=i % 9 == 0,
            )
        )
    for stem in GRID_STEMS:
        items += layer_grid_items(stem, stem.replace("_", " "), LAYERS, principle="P1")
    options = tuple(Option(p, p.replace("_", " ")) for p in PROFESSIONS)
    sectors = tuple(Option(s, s.replace("_", " ")) for s in SECTORS)
    return InstrumentMeta(
        items=tuple(items),
        dimensions=(
            Dimension("profession_group", "Profession group", options),
            Dimension("sector", "Sector", sectors),
            layer_dimension(),
        ),
    )


def synthetic_frame(n: int, seed: int = 20240501) -> pl.DataFrame:
    """``n`` responses: answers 1..5 with about 5% don't know and 5% unanswered."""
    rng = np.random.default_rng(seed)
    codes = ics_codes()
    at_layer = rng.random((n, len(LAYERS))) < np.array([0.5, 0.5, 0.35, 0.2, 0.8])
    at_layer[~at_layer.any(axis=1), 4] = True
    masks = at_layer.astype(np.int64) @ (1 << np.arange(len(LAYERS)))
    lookup = [[LAYERS[j] for j in range(len(LAYERS)) if m >> j & 1] for m in range(32)]
    columns: dict[str, object] = {
        "response_id": pl.Series([f"r{i:07d}" for i in range(n)]),
        "ics_code": pl.Series(np.array(codes)[rng.integers(0, len(codes), n)]),
        "profession_group": pl.Series(np.array(PROFESSIONS)[rng.integers(0, len(PROFESSIONS), n)]),
        "sector": pl.Series(np.array(SECTORS)[rng.integers(0, len(SECTORS), n)]),
        "layer": pl.Series("layer", [lookup[m] for m in masks], dtype=pl.List(pl.String)),
    }
    base = rng.normal(0, 0.8, n)
    for item in instrument().items:
        answers = np.clip(np.rint(3.4 + base + rng.normal(0, 0.9, n)), 1, 5).astype(np.int8)
        roll = rng.random(n)
        answers[roll < 0.05] = 0
        missing = roll > 0.95
        if item.layer is not None:
            missing |= ~at_layer[:, LAYERS.index(item.layer)]
        columns[item.key] = pl.Series(item.key, answers).set(pl.Series(missing), None)
    return pl.DataFrame(columns).rechunk()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; best is kept")
    args = parser.parse_args()
    meta = instrument()
    t0 = time.perf_counter()
    frame = synthetic_frame(args.responses)
    generate_s = time.perf_counter() - t0
    national: list[float] = []
    bench: list[float] = []
    published = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        published = publish_wave(
            frame, meta, breakdowns=[("ics_code", "profession_group")], include=["constructs"]
        )
        national.append(time.perf_counter() - t0)
    report = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        report = benchmark_icss(frame, meta, include=["items"])
        bench.append(time.perf_counter() - t0)
    assert published is not None and report is not None
    print(
        json.dumps(
            {
                "responses": args.responses,
                "items": len(meta.items),
                "icss": frame.get_column("ics_code").n_unique(),
                "national_aggregation_s": round(min(national), 3),
                "benchmark_table_s": round(min(bench), 3),
                "national_cells": published.construct_scores.height,
                "national_cells_published": int((~published.construct_scores["suppressed"]).sum()),
                "benchmark_rows": report.distributions.height,
                "generate_s": round(generate_s, 3),
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "polars": pl.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
