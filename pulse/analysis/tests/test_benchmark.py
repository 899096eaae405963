"""Benchmarks between ICSs: the five-ICS rule, England value, quartiles, funnels and names."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from pulse.analysis.benchmark import benchmark_icss
from pulse.analysis.meta import InstrumentMeta, Item

META = InstrumentMeta(items=(Item("voice", "voice", "Voice", principle="P1"),))


def national(sizes: dict[str, int], seed: int = 1) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for i, (code, n) in enumerate(sizes.items()):
        frames.append(
            pl.DataFrame(
                {
                    "response_id": [f"{code}-{j}" for j in range(n)],
                    "ics_code": [code] * n,
                    "voice": pl.Series(
                        np.clip(rng.integers(1, 6, n) + (i % 2), 1, 5), dtype=pl.Int8
                    ),
                }
            )
        )
    return pl.concat(frames)


def test_nothing_is_benchmarked_with_fewer_than_five_publishable_icss() -> None:
    frame = national({"A": 40, "B": 40, "C": 40, "D": 40, "E": 6})
    report = benchmark_icss(frame, META)
    p1 = report.scores.filter(pl.col("key") == "P1")
    reasons = dict(p1.select("ics_code", "reason").iter_rows())
    assert reasons["E"] == "below_k"
    # E hidden makes the next smallest hidden too, leaving three: fewer than five
    assert sorted(reasons.values()) == ["below_k", "complementary", *["fewer_than_5_icss"] * 3]
    assert p1["mean"].null_count() == p1.height
    assert report.summary.filter(pl.col("key") == "P1")["england_mean"].to_list() == [None]


def test_england_value_quartiles_and_bands() -> None:
    frame = national({c: 60 + 10 * i for i, c in enumerate("ABCDEFGH")})
    report = benchmark_icss(frame, META)
    p1 = report.scores.filter(pl.col("key") == "P1").sort("ics_code")
    summary = report.summary.filter(pl.col("key") == "P1").row(0, named=True)
    scores = frame.with_columns(((pl.col("voice").cast(pl.Float64) - 1) * 2.5).alias("s"))
    assert summary["england_mean"] == pytest.approx(scores["s"].mean())
    by_ics = scores.group_by("ics_code").agg(pl.col("s").mean()).sort("ics_code")["s"].to_numpy()
    assert p1["mean"].to_numpy() == pytest.approx(by_ics)
    q1, med, q3 = np.percentile(by_ics, [25, 50, 75])
    assert (summary["q1"], summary["median"], summary["q3"]) == pytest.approx((q1, med, q3))
    expected = [1 if v <= q1 else 2 if v <= med else 3 if v <= q3 else 4 for v in by_ics]
    assert p1["quartile_band"].to_list() == expected
    sd = float(scores["s"].std())  # type: ignore[arg-type]
    assert summary["england_sd"] == pytest.approx(sd)
    n = p1["n"].to_numpy()
    assert p1["funnel_upper_95"].to_numpy() == pytest.approx(
        summary["england_mean"] + 1.959964 * sd / np.sqrt(n), rel=1e-6
    )


def test_other_icss_are_unnamed_unless_they_consented() -> None:
    frame = national(dict.fromkeys("ABCDEF", 30))
    report = benchmark_icss(frame, META, consented={"B"})
    own = report.for_viewer(viewer_ics="A")
    codes = set(own.scores.filter(pl.col("key") == "P1")["ics_code"].to_list())
    assert codes == {"A", "B", None}
    assert set(own.distributions["ics_code"].to_list()) == {"A", "B", None}
    ordered = own.distributions.filter(pl.col("item") == "voice", pl.col("answer") == "3")
    assert ordered["pct"].to_list() == sorted(ordered["pct"].to_list())
    analyst = report.for_viewer(sees_names=True)
    assert set(analyst.scores["ics_code"].to_list()) == set("ABCDEF")


def test_benchmark_table_has_every_item_answer_and_ics() -> None:
    frame = national(dict.fromkeys("ABCDEF", 30))
    dist = benchmark_icss(frame, META).distributions
    assert dist.height == 1 * 6 * 6
    sums = dist.group_by("ics_code").agg(pl.col("pct").sum())
    assert sums["pct"].to_numpy() == pytest.approx(np.full(6, 100.0))
    assert {"england_pct", "funnel_lower_95", "funnel_upper_99_8", "funnel_flag", "base_n"} <= set(
        dist.columns
    )


def test_benchmarks_need_an_ics_column() -> None:
    with pytest.raises(ValueError, match="ics_code"):
        benchmark_icss(national({"A": 30}).drop("ics_code"), META)


def test_benchmark_follows_the_national_publication_decisions() -> None:
    from pulse.analysis.meta import Dimension, Option
    from pulse.analysis.publish import publish_wave

    meta = InstrumentMeta(
        items=META.items,
        dimensions=(Dimension("sector", "Sector", (Option("acute", "A"), Option("primary", "P"))),),
    )
    # ICS F: 12 leaders, all in primary care; "primary care" = those 12 and one leader in A
    frame = national({"A": 30, "B": 30, "C": 30, "D": 30, "E": 30, "F": 12}).with_columns(
        pl.Series("sector", ["primary"] + ["acute"] * 149 + ["primary"] * 12)
    )
    breakdowns = [("ics_code", "sector")]
    published = publish_wave(frame, meta, breakdowns=breakdowns, include=["constructs"])
    shown = published.construct_scores.filter(
        pl.col("dimension_1") == "ics_code",
        pl.col("dimension_2").is_null(),
        pl.col("construct") == "P1",
    )
    report = benchmark_icss(frame, meta, breakdowns=breakdowns)
    bench = report.scores.filter(pl.col("key") == "P1").sort("ics_code")
    hidden_nationally = shown.sort("value_1")["suppressed"].to_list()
    for in_benchmark, nationally in zip(bench["suppressed"], hidden_nationally, strict=True):
        assert in_benchmark or not nationally  # never shows what the national view hides
    assert dict(bench.select("ics_code", "reason").iter_rows())["F"] == "differencing"
    alone = benchmark_icss(frame, meta).scores.filter(
        pl.col("key") == "P1", pl.col("ics_code") == "F"
    )
    assert alone["suppressed"].to_list() == [False]  # which is why the lists must match
    with pytest.raises(ValueError, match="must include 'ics_code'"):
        benchmark_icss(frame, meta, breakdowns=["sector"])
