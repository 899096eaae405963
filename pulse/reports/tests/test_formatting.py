"""Display values in NHS style, and hidden cells always in words."""

import polars as pl
import pytest

from pulse.reports.breakdowns import breakdowns_for
from pulse.reports.presenters import formatting as fmt
from pulse.reports.storage import table_from_bytes, table_to_bytes
from pulse.surveys.frames import instrument_meta
from pulse.surveys.tests.factories import pulse_check


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6.149, "6.1 out of 10"), (0, "0.0 out of 10"), (None, ""), (float("nan"), "")],
)
def test_scores_read_out_of_10(value: float | None, expected: str) -> None:
    assert fmt.score_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(24.4, "24%"), (0.3, "less than 1%"), (0.0, "0%"), (99.6, "100%")]
)
def test_percentages_are_whole_numbers(value: float, expected: str) -> None:
    assert fmt.percent(value) == expected


def test_changes_carry_their_sign() -> None:
    assert (fmt.signed(0.44), fmt.signed(-0.21), fmt.signed(-0.01)) == ("+0.4", "-0.2", "0.0")


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("below_k", "Fewer than 10 responses"),
        ("item_n_below_k", "Fewer than 10 responses"),
        ("complementary", "Hidden to protect a small group"),
        ("parent_remainder", "Hidden to protect a small group"),
        ("differencing", "Hidden to protect a small group"),
        ("free_text_below_20", "Fewer than 20 comments"),
        ("before_below_k", "Fewer than 10 responses in the earlier survey"),
        ("after_complementary", "Hidden to protect a small group in this survey"),
        ("fewer_than_5_icss", "Fewer than 5 systems to compare with"),
        (None, "Fewer than 10 responses"),
        ("something_new", "Hidden to protect a small group"),
    ],
)
def test_a_hidden_cell_says_why_never_zero_or_blank(reason: str | None, expected: str) -> None:
    assert fmt.hidden_text(reason, 10) == expected


def test_the_configured_minimum_group_size_is_used() -> None:
    assert fmt.hidden_text("below_k", 15) == "Fewer than 15 responses"


def test_verdicts_are_tags_with_words() -> None:
    assert "Improved" in fmt.verdict_tag("improved") and "nhsuk-tag--green" in fmt.verdict_tag(
        "improved"
    )
    assert "No significant change" in fmt.verdict_tag("no significant change")


def test_tables_keep_their_schema_when_stored() -> None:
    table = pl.DataFrame(
        {"group_id": ["all"], "n": [None], "terms": [["a", "b"]]},
        schema={"group_id": pl.String, "n": pl.Int64, "terms": pl.List(pl.String)},
    )
    assert table_from_bytes(table_to_bytes(table)).equals(table)


@pytest.mark.django_db
def test_the_standard_pulse_check_gets_every_dimension_and_two_pairs() -> None:
    version = pulse_check()
    meta = instrument_meta(version.definition, [{"code": "wirral", "label": "Wirral"}])
    listed = breakdowns_for(meta)
    assert len([b for b in listed if isinstance(b, str)]) == 9
    assert ("role_level", "layer") in listed and ("sector", "layer") in listed
