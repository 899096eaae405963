"""Free-text themes: TF-IDF and non-negative matrix factorisation (scikit-learn).

Method
------
1. Every comment is redacted (:func:`~pulse.analysis.text.redact.redact`); placeholders are
   removed before counting words.
2. TF-IDF of words and two-word phrases (English stop words removed; a term must appear in at
   least 2 comments and in at most 95% of them).
3. NMF (``init="nndsvda"``, fixed ``random_state``) for every number of themes ``t`` in the
   range; the ``t`` whose themes have the highest mean NPMI coherence of their top 5 terms
   (co-occurrence in comments) is kept, the smaller ``t`` on ties. The result is
   deterministic.
4. Each comment belongs to its strongest theme; a theme reports its top terms, how many
   comments belong to it, and the few comments that load most on it (redacted).

Themes are only produced for at least 20 comments (DESIGN.md section 6).

Examples
--------
>>> comments = ["Protected time for leadership is missing"] * 12 + [
...     "Data and digital infrastructure let us down"] * 12
>>> result = extract_themes(comments, max_themes=3)
>>> len(result.themes) >= 2, result.reason
(True, None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import polars as pl
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from pulse.analysis.groups import group_filter
from pulse.analysis.text.redact import redact

if TYPE_CHECKING:
    from pulse.analysis.engine import WaveComputation

__all__ = ["MIN_COMMENTS", "Theme", "ThemeResult", "extract_themes", "themes_table"]

MIN_COMMENTS = 20
_WORD_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"  # words of two letters or more, no digits
_PLACEHOLDERS = re.compile(r"\[(?:name|email|phone|link|postcode|NHS number)\]")


@dataclass(frozen=True)
class Theme:
    """One theme: its top terms, how many comments it holds and a few redacted examples."""

    number: int
    top_terms: tuple[str, ...]
    n_comments: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class ThemeResult:
    """Themes of a set of comments, or ``reason`` why there are none
    (``"fewer_than_20_comments"`` or ``"too_little_text"``)."""

    n_comments: int
    themes: tuple[Theme, ...]
    reason: str | None = None


def _npmi(binary: npt.NDArray[np.float64], terms: npt.NDArray[np.int64]) -> float:
    n_docs = binary.shape[0]
    scores = []
    for a in range(len(terms)):
        for b in range(a + 1, len(terms)):
            pa = binary[:, terms[a]].mean()
            pb = binary[:, terms[b]].mean()
            pab = (binary[:, terms[a]] * binary[:, terms[b]]).sum() / n_docs
            if pab == 0:
                scores.append(-1.0)
            elif pab == 1:
                scores.append(1.0)
            else:
                scores.append(float(np.log(pab / (pa * pb)) / -np.log(pab)))
    return float(np.mean(scores)) if scores else -1.0


def _fit(
    tfidf: npt.NDArray[np.float64], t: int, seed: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    model = NMF(n_components=t, init="nndsvda", random_state=seed, max_iter=600)
    w = model.fit_transform(tfidf)
    return np.asarray(w), np.asarray(model.components_)


def _build(
    w: npt.NDArray[np.float64],
    h: npt.NDArray[np.float64],
    vocab: npt.NDArray[np.str_],
    shown: Sequence[str],
    n_terms: int,
    n_examples: int,
) -> tuple[Theme, ...]:
    strongest = np.where(w.max(axis=1) > 0, w.argmax(axis=1), -1)
    themes: list[Theme] = []
    for t in range(h.shape[0]):
        members = np.flatnonzero(strongest == t)
        if members.size == 0:
            continue
        top = np.argsort(-h[t], kind="stable")[:n_terms]
        best = members[np.argsort(-w[members, t], kind="stable")][:n_examples]
        themes.append(
            Theme(
                number=len(themes) + 1,
                top_terms=tuple(str(vocab[i]) for i in top if h[t, i] > 0),
                n_comments=int(members.size),
                examples=tuple(shown[i][:300] for i in best),
            )
        )
    return tuple(themes)


def extract_themes(
    comments: Sequence[str],
    *,
    min_themes: int = 2,
    max_themes: int = 8,
    n_terms: int = 8,
    n_examples: int = 3,
    random_state: int = 0,
) -> ThemeResult:
    """Redact ``comments`` and find between ``min_themes`` and ``max_themes`` themes."""
    if not 1 <= min_themes <= max_themes:
        raise ValueError("need 1 <= min_themes <= max_themes")
    shown = [redact(c) for c in comments if isinstance(c, str) and c.strip()]
    if len(shown) < MIN_COMMENTS:
        return ThemeResult(len(shown), (), "fewer_than_20_comments")
    cleaned = [_PLACEHOLDERS.sub(" ", c) for c in shown]
    vectorizer = TfidfVectorizer(
        stop_words="english",
        min_df=2,
        max_df=0.95,
        ngram_range=(1, 2),
        token_pattern=_WORD_PATTERN,
    )
    try:
        tfidf = vectorizer.fit_transform(cleaned).toarray()
    except ValueError:
        return ThemeResult(len(shown), (), "too_little_text")
    vocab = np.asarray(vectorizer.get_feature_names_out())
    top_t = min(max_themes, len(vocab) - 1, len(shown) - 1)
    if top_t < min_themes:
        return ThemeResult(len(shown), (), "too_little_text")
    binary = (tfidf > 0).astype(np.float64)
    fits = [_fit(tfidf, t, random_state) for t in range(min_themes, top_t + 1)]
    scores = [
        float(np.mean([_npmi(binary, np.argsort(-row, kind="stable")[:5]) for row in h]))
        for _, h in fits
    ]
    w, h = fits[int(np.argmax(scores))]  # first maximum: the smallest number of themes
    return ThemeResult(len(shown), _build(w, h, vocab, shown, n_terms, n_examples))


_SCHEMA: dict[str, pl.DataType] = {
    "group_id": pl.String(),
    "dimension_1": pl.String(),
    "value_1": pl.String(),
    "label_1": pl.String(),
    "dimension_2": pl.String(),
    "value_2": pl.String(),
    "label_2": pl.String(),
    "question_key": pl.String(),
    "theme": pl.Int64(),
    "top_terms": pl.List(pl.String),
    "n_comments": pl.Int64(),
    "examples": pl.List(pl.String),
    "suppressed": pl.Boolean(),
    "reason": pl.String(),
}


def themes_table(comp: WaveComputation, *, skip: bool = False) -> pl.DataFrame:
    """Themes for every published free-text cell of a wave (empty if ``skip``)."""
    from pulse.analysis.tables import group_columns

    rows: list[dict[str, object]] = []
    if not skip:
        base = group_columns(comp).to_dicts()
        dims = {d.key: d for d in comp.plan.dimensions}
        for fam in comp.families:
            if fam.kind != "free_text":
                continue
            for gi, group in enumerate(comp.plan.groups):
                if comp.family_reasons[fam.key][gi] is not None:
                    continue
                texts = comp.valid.filter(group_filter(group.key, dims)).get_column(fam.subject)
                result = extract_themes([t for t in texts.to_list() if t])
                rows += _theme_rows(base[gi], fam.subject, result)
    return pl.DataFrame(rows, schema=_SCHEMA)


def _theme_rows(
    base: dict[str, object], question: str, result: ThemeResult
) -> list[dict[str, object]]:
    if result.reason is not None:
        return [
            base
            | {
                "question_key": question,
                "theme": None,
                "top_terms": None,
                "n_comments": None,
                "examples": None,
                "suppressed": True,
                "reason": result.reason,
            }
        ]
    return [
        base
        | {
            "question_key": question,
            "theme": t.number,
            "top_terms": list(t.top_terms),
            "n_comments": t.n_comments,
            "examples": list(t.examples),
            "suppressed": False,
            "reason": None,
        }
        for t in result.themes
    ]
