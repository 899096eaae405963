"""False-discovery-rate control by family of comparisons (ADR 11).

`compare_waves` adjusts every p-value of one report together. A board reads a change report as
four questions: did any of the 12 headline scores change for the whole system, did any
statement change, and the same within groups. Putting all four in one Benjamini-Hochberg family
lets thousands of small-group tests hide a real change in the whole system (on the demo, every
score rose by about 0.45 points with p from 0.002 to 0.2, and nothing survived a single family of
about 17,000 tests). So the change tables are adjusted again within each family, with the
analysis package's own `benjamini_hochberg` and verdict rule; every other number is as
`compare_waves` returned it, and hidden rows stay hidden.
"""

import numpy as np
import polars as pl

from pulse.analysis import benjamini_hochberg
from pulse.analysis.change import verdicts

ALPHA = 0.05
FAMILY = "test_family"


def _family(scope: str) -> pl.Expr:
    return pl.concat_str([pl.lit(scope), pl.col("kind")], separator="_").alias(FAMILY)


def label_families(whole_system: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """One table: the whole system's rows from one report, the groups' rows from the other."""
    return pl.concat(
        [
            whole_system.filter(pl.col("group_id") == "all").with_columns(_family("system")),
            groups.filter(pl.col("group_id") != "all").with_columns(_family("group")),
        ],
        how="vertical_relaxed",
    )


def _adjust(part: pl.DataFrame, alpha: float) -> pl.DataFrame:
    published = part.get_column("reason").is_null().to_numpy()
    p = np.where(published, part.get_column("p_value").fill_null(np.nan).to_numpy(), np.nan)
    q = np.where(published, part.get_column("p_value_pct").fill_null(np.nan).to_numpy(), np.nan)
    adjusted = benjamini_hochberg(np.concatenate([p, q]))
    pa, qa = adjusted[: len(p)], adjusted[len(p) :]
    change = part.get_column("change").fill_null(np.nan).to_numpy()
    pct_change = part.get_column("pct_change").fill_null(np.nan).to_numpy()
    shown = [bool(x) for x in published]
    v = [x if ok else None for x, ok in zip(verdicts(change, pa, alpha), shown, strict=True)]
    vp = [x if ok else None for x, ok in zip(verdicts(pct_change, qa, alpha), shown, strict=True)]
    return part.with_columns(
        pl.Series("p_adjusted", pa).fill_nan(None),
        pl.Series("verdict", v, dtype=pl.String),
        pl.Series("p_adjusted_pct", qa).fill_nan(None),
        pl.Series("verdict_pct_positive", vp, dtype=pl.String),
    )


def adjust_by_family(table: pl.DataFrame, alpha: float = ALPHA) -> pl.DataFrame:
    """Re-run Benjamini-Hochberg and the verdicts within each `test_family`."""
    if table.is_empty():
        return table
    parts = [_adjust(part, alpha) for _, part in table.group_by(FAMILY, maintain_order=True)]
    return pl.concat(parts, how="vertical_relaxed")
