"""Tables of the national publication that are read from figures already published.

Nothing here reads a response. Region figures pool the *published* figures of a region's
systems (a system's hidden scale is left out of its region's figure for that scale), so a
region's figure is a sum of figures anyone reading the table could add up and describes no group
the publication hides. Responses and change come from each system's own stored publication.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from pulse.reports.results import CHANGE_PREVIOUS, Results

REGION_SCHEMA = {
    "region_code": pl.String,
    "kind": pl.String,
    "key": pl.String,
    "n_icss": pl.Int64,
    "n": pl.Int64,
    "mean": pl.Float64,
    "pct_positive": pl.Float64,
    "suppressed": pl.Boolean,
    "reason": pl.String,
}
CHANGE_SCHEMA = {
    "ics_code": pl.String,
    "key": pl.String,
    "verdict": pl.String,
    "verdict_pct_positive": pl.String,
    "earlier_title": pl.String,
    "earlier_closes_on": pl.Date,
}
SYSTEM_SCHEMA = {
    "ics_code": pl.String,
    "region_code": pl.String,
    "wave_id": pl.Int64,
    "wave_title": pl.String,
    "opens_on": pl.Date,
    "closes_on": pl.Date,
    "responses": pl.Int64,
    "suppressed": pl.Boolean,
    "reason": pl.String,
}


def region_rollups(
    scores: pl.DataFrame, regions: Mapping[str, str], region_codes: Sequence[str]
) -> pl.DataFrame:
    """Each region's pooled n, mean and % positive for each scale, from published cells only.

    ``regions`` maps each system's code to its region's code; ``region_codes`` lists every
    region (one with no published system has hidden rows). With the cells (n_i, m_i) of the
    region's published systems, the region's mean is sum(n_i m_i) / sum(n_i): exactly the mean
    of their respondents' scores, since a system's mean is the mean of its respondents'."""
    published = scores.filter(~pl.col("suppressed")).with_columns(
        pl.col("ics_code").replace_strict(regions, default=None).alias("region_code")
    )
    pooled = (
        published.filter(pl.col("region_code").is_not_null())
        .group_by("region_code", "kind", "key")
        .agg(
            pl.len().cast(pl.Int64).alias("n_icss"),
            pl.col("n").sum().cast(pl.Int64).alias("n"),
            ((pl.col("mean") * pl.col("n")).sum() / pl.col("n").sum()).alias("mean"),
            ((pl.col("pct_positive") * pl.col("n")).sum() / pl.col("n").sum()).alias(
                "pct_positive"
            ),
        )
    )
    keys = scores.select("kind", "key").unique(maintain_order=True)
    grid = pl.DataFrame({"region_code": sorted(set(region_codes))}).join(keys, how="cross")
    out = grid.join(pooled, on=["region_code", "kind", "key"], how="left").with_columns(
        pl.col("n_icss").fill_null(0),
        pl.col("n").is_null().alias("suppressed"),
        pl.when(pl.col("n").is_null()).then(pl.lit("no_published_systems")).alias("reason"),
    )
    return out.select(list(REGION_SCHEMA)).cast(REGION_SCHEMA).sort("region_code", "key")


def system_row(results: Results, region_code: str) -> dict[str, Any]:
    """A system's wave and responses, hidden exactly as its own publication hides them."""
    wave = results.wave
    groups = results.table("groups").filter(pl.col("group_id") == "all").to_dicts()
    whole = groups[0] if groups else {"n": None, "suppressed": True, "reason": "below_k"}
    return {
        "ics_code": wave.ics.ods_code,
        "region_code": region_code,
        "wave_id": wave.pk,
        "wave_title": wave.title,
        "opens_on": wave.opens_on,
        "closes_on": wave.closes_on,
        "responses": None if whole["suppressed"] else whole["n"],
        "suppressed": bool(whole["suppressed"]),
        "reason": whole["reason"],
    }


def change_rows(results: Results) -> list[dict[str, Any]]:
    """The whole system's published change in each scale since its previous survey."""
    table = results.optional(CHANGE_PREVIOUS)
    earlier = results.publication.previous_wave
    if table is None or earlier is None:
        return []
    rows = table.filter(
        pl.col("group_id") == "all", pl.col("kind") == "construct", ~pl.col("suppressed")
    ).to_dicts()
    return [
        {
            "ics_code": results.wave.ics.ods_code,
            "key": row["key"],
            "verdict": row["verdict"],
            "verdict_pct_positive": row["verdict_pct_positive"],
            "earlier_title": earlier.title,
            "earlier_closes_on": earlier.closes_on,
        }
        for row in rows
    ]


def frame(rows: Sequence[dict[str, Any]], schema: Mapping[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=dict(schema))
