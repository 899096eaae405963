"""Theme extraction: deterministic, redacted, only for 20 or more comments."""

from __future__ import annotations

import polars as pl

from pulse.analysis.publish import publish_wave
from pulse.analysis.tests.factories import random_frame, small_meta
from pulse.analysis.text.themes import extract_themes

TIME = [
    "No protected time for leadership work",
    "Protected time is eaten by clinical rotas",
    "I need protected time in my job plan",
    "Leadership time is never protected",
    "Time for system work comes out of clinics",
]
DATA = [
    "The data platform is slow and clunky",
    "We cannot get data from the digital systems",
    "Digital infrastructure and data sharing let us down",
    "Shared data dashboards would help",
    "Data access across organisations is poor",
]


def comments() -> list[str]:
    return [*TIME * 3, *DATA * 3, "Email dr.who@nhs.net or ask Dr Smith about data"]


def test_themes_separate_the_topics_and_are_deterministic() -> None:
    first = extract_themes(comments(), min_themes=2, max_themes=4)
    again = extract_themes(comments(), min_themes=2, max_themes=4)
    assert first == again
    assert first.reason is None
    assert 2 <= len(first.themes) <= 4
    terms = [set(t.top_terms) for t in first.themes]
    assert any("time" in t or "protected" in t for t in terms)
    assert any("data" in t for t in terms)
    assert sum(t.n_comments for t in first.themes) == 31


def test_examples_are_redacted() -> None:
    result = extract_themes(comments(), min_themes=2, max_themes=4)
    shown = " ".join(e for t in result.themes for e in t.examples)
    assert "nhs.net" not in shown and "Smith" not in shown
    for t in result.themes:
        assert "name" not in t.top_terms and "email" not in t.top_terms


def test_fewer_than_20_comments_give_no_themes() -> None:
    result = extract_themes(comments()[:19])
    assert result.themes == ()
    assert result.reason == "fewer_than_20_comments"
    assert extract_themes(["a b"] * 25).reason == "too_little_text"


def test_free_text_is_published_only_for_groups_of_20_or_more() -> None:
    meta = small_meta(extras=True)
    frame = random_frame(4, 40, meta, missing=0.0).with_columns(
        pl.Series("profession_group", ["nursing"] * 25 + ["medical"] * 15),
        pl.lit("north").alias("place"),
        pl.lit(["organisation"], dtype=pl.List(pl.String)).alias("layer"),
        pl.Series("comments", comments()[:40] + comments()[:9]),
        pl.lit(None, dtype=pl.Int8).alias("involve__system"),
        pl.lit(None, dtype=pl.Int8).alias("involve__place"),
    )
    wave = publish_wave(
        frame, meta, breakdowns=["profession_group"], include=["free_text"], themes=True
    )
    cells = dict(wave.free_text.select("group_id", "reason").iter_rows())
    assert cells == {
        "all": None,
        "profession_group=nursing": None,
        "profession_group=medical": "free_text_below_20",
        "profession_group=ahp": "below_k",
        "profession_group=dental": "below_k",
    }
    assert wave.groups.filter(pl.col("group_id") == "profession_group=medical")["n"].to_list() == [
        15
    ]
    assert set(wave.themes["group_id"]) == {"all", "profession_group=nursing"}
