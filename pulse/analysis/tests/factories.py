"""Small instruments and synthetic response frames for the analysis tests."""

from __future__ import annotations

import numpy as np
import polars as pl

from pulse.analysis.meta import (
    ChoiceQuestion,
    Dimension,
    FreeTextQuestion,
    InstrumentMeta,
    Item,
    NumberQuestion,
    Option,
    layer_dimension,
    layer_grid_items,
)

PROFESSIONS = ("nursing", "medical", "ahp", "dental")
PLACES = ("north", "south", "east")
LAYERS3 = ("system", "place", "organisation")


def small_meta(*, extras: bool = False) -> InstrumentMeta:
    """Three plain items (P1, P2, reverse P2), one layer grid over three layers (P1)."""
    items = (
        Item("voice", "voice", "My voice is heard", principle="P1", construct="culture"),
        Item("learning", "learning", "We learn together", principle="P2", construct="culture"),
        Item("silos", "silos", "We work in silos", principle="P2", reverse=True),
        *layer_grid_items("involve", "I am involved in decisions", LAYERS3, principle="P1"),
    )
    dims = (
        Dimension(
            "profession_group", "Profession", tuple(Option(p, p.title()) for p in PROFESSIONS)
        ),
        Dimension("place", "Place", tuple(Option(p, p.title()) for p in PLACES)),
        layer_dimension(LAYERS3),
    )
    if not extras:
        return InstrumentMeta(items=items, dimensions=dims)
    return InstrumentMeta(
        items=items,
        dimensions=dims,
        choices=(
            ChoiceQuestion(
                "time", "Protected time", (Option("none", "None"), Option("some", "Some"))
            ),
            ChoiceQuestion(
                "support",
                "Support",
                (Option("data", "Data"), Option("admin", "Admin")),
                multiple=True,
            ),
        ),
        free_text=(FreeTextQuestion("comments", "Anything else?"),),
        numbers=(NumberQuestion("hours", "Hours of protected time a month"),),
    )


def random_frame(
    seed: int,
    n: int,
    meta: InstrumentMeta | None = None,
    *,
    profession_p: tuple[float, ...] = (0.5, 0.3, 0.15, 0.05),
    place_p: tuple[float, ...] = (0.6, 0.3, 0.1),
    missing: float = 0.1,
) -> pl.DataFrame:
    """``n`` random responses for :func:`small_meta` (nulls and don't-knows included)."""
    meta = meta or small_meta()
    rng = np.random.default_rng(seed)
    prof = rng.choice(
        len(PROFESSIONS) + 1, size=n, p=[*(p * (1 - missing) for p in profession_p), missing]
    )
    place = rng.choice(len(PLACES) + 1, size=n, p=[*(p * (1 - missing) for p in place_p), missing])
    at = rng.random((n, len(LAYERS3))) < np.array([0.5, 0.6, 0.7])
    columns: dict[str, object] = {
        "response_id": [f"r{seed}-{i}" for i in range(n)],
        "profession_group": [PROFESSIONS[i] if i < len(PROFESSIONS) else None for i in prof],
        "place": [PLACES[i] if i < len(PLACES) else None for i in place],
        "layer": [[LAYERS3[j] for j in range(len(LAYERS3)) if row[j]] for row in at],
    }
    for item in meta.items:
        answers = rng.integers(0, 6, size=n).tolist()
        values = [None if rng.random() < missing else a for a in answers]
        if item.layer is not None:
            j = LAYERS3.index(item.layer)
            values = [v if at[i, j] else None for i, v in enumerate(values)]
        columns[item.key] = pl.Series(item.key, values, dtype=pl.Int8)
    frame = pl.DataFrame(columns, schema_overrides={"layer": pl.List(pl.String)})
    if meta.free_text:
        words = ["time", "data", "support", "board", "listen", "learning"]
        frame = frame.with_columns(
            pl.Series("comments", [" ".join(rng.choice(words, 4)) for _ in range(n)])
        )
    if meta.choices:
        frame = frame.with_columns(
            pl.Series("time", rng.choice(["none", "some"], n).tolist()),
            pl.Series(
                "support", [["data"] if rng.random() < 0.5 else ["admin", "data"] for _ in range(n)]
            ),
        )
    if meta.numbers:
        frame = frame.with_columns(pl.Series("hours", rng.integers(0, 20, n), dtype=pl.Int64))
    return frame
