"""A completed round's results: maturity, weakest indicators and movement worked by hand, and
the perception gap read from the stored pulse check publication."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pulse.assessments.gap import LeaderScores, leader_scores, perception_gaps
from pulse.assessments.results import round_results
from pulse.assessments.tests.factories import completed_round
from pulse.core.tests.html import text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.presenters.common import constructs
from pulse.reports.selectors import results_for_wave
from pulse.reports.tests.builders import published_pair

pytestmark = pytest.mark.django_db
P1 = [
    "p1_professions_in_decisions",
    "p1_every_layer",
    "p1_frontline_views",
    "p1_open_information",
    "p1_concerns_acted_on",
    "p1_diverse_backgrounds",
]


@pytest.fixture
def two_rounds() -> object:
    today = timezone.localdate()
    completed_round(
        levels={P1[0]: 1}, title="Baseline 2025", completed_on=today - timedelta(days=365)
    )
    return completed_round(
        levels=dict(zip(P1, [3, 3, 2, 2, 1, 2], strict=True)), title="Re-run 2026"
    )


def test_maturity_weakest_and_movement_match_the_hand_worked_example(two_rounds) -> None:
    results = round_results(round=two_rounds)
    p1 = results.principle("P1")
    # now (3 + 3 + 2 + 2 + 1 + 2) / 6 = 13 / 6 = 2.17; before (1 + 2 x 5) / 6 = 11 / 6 = 1.83
    assert (p1.mean, p1.previous_mean, p1.movement) == (2.17, 1.83, 0.34)
    assert [i.key for i in p1.weakest] == ["p1_concerns_acted_on"]
    assert p1.level == 2  # 2.17 is nearest Developing
    assert [r.movement for r in p1.indicators] == [2, 1, 0, 0, -1, 0]
    # the other four principles are all Developing: (2.17 + 2 x 4) / 5 = 2.03; before 1.97
    assert (results.overall, results.previous_overall) == (2.03, 1.97)
    assert results.previous.title == "Baseline 2025"


def test_the_results_page_shows_movement_and_weakest_indicators(two_rounds) -> None:
    client = Client()
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    page = client.get(
        reverse("assessments:show_results", kwargs={"ics_code": "qyg", "round_id": two_rounds.pk})
    )
    body = text(page)
    assert "Since Baseline 2025 Up 0.3 (from 1.8 out of 4 (Developing))" in body
    assert "Weakest indicator P1.5" in body
    assert "No pulse check results have been published" in body


def scores(
    mean: float | None, *, suppressed: bool = False, median: float | None = 5.3
) -> LeaderScores:
    row = {"mean": mean, "suppressed": suppressed, "reason": "below_k" if suppressed else None}
    return LeaderScores(wave=None, k=10, rows={"P3": row}, medians={"P3": median})  # type: ignore[arg-type]


def reading(levels: int, leaders: LeaderScores | None) -> object:
    class Stub:
        code, mean = "P3", float(levels)

    class Results:
        principles = [Stub]

    return perception_gaps(Results, leaders)[0]  # type: ignore[arg-type]


def test_a_gap_is_read_when_the_panel_claims_more_than_leaders_report() -> None:
    gap = reading(3, scores(4.1))
    assert gap.reading == (
        "The panel rates P3 as Maturing, but leaders score protected time and support "
        "4.1 out of 10, below the England median of 5.3."
    )
    assert gap.gap


def test_a_gap_is_read_the_other_way_and_agreement_is_not_a_gap() -> None:
    under = reading(2, scores(6.4))
    assert under.reading.startswith("The panel rates P3 as Developing, but leaders score")
    assert under.reading.endswith("6.4 out of 10, above the England median of 5.3.")
    assert under.gap
    agreed = reading(4, scores(7.0))
    assert agreed.reading.startswith("The panel rates P3 as Thriving, and leaders score")
    assert not agreed.gap


def test_a_hidden_score_is_not_available_and_never_estimated() -> None:
    gap = reading(3, scores(None, suppressed=True))
    assert gap.reading == (
        "The panel rates P3 as Maturing. The leaders' score is not available: fewer than 10 responses."
    )
    assert (gap.leaders_mean, gap.gap) == (None, False)


def test_a_claim_of_maturing_against_a_score_below_the_middle_is_a_gap_whatever_the_median() -> (
    None
):
    gap = reading(3, scores(4.2, median=3.8))
    assert gap.reading.endswith(
        "4.2 out of 10, below the middle of the scale, though above the England median of 3.8."
    )
    assert gap.gap
    low_claim = reading(2, scores(4.6, median=4.0))
    assert low_claim.reading.startswith("The panel rates P3 as Developing, and leaders score")
    assert not low_claim.gap


def test_without_an_england_median_only_the_scale_is_used() -> None:
    gap = reading(3, scores(6.1, median=None))
    assert gap.reading.endswith("6.1 out of 10. There is no England median to compare with yet.")
    assert not gap.gap
    low = reading(4, scores(4.1, median=None))
    assert low.reading.endswith(
        "4.1 out of 10, below the middle of the scale. There is no England median to compare with yet."
    )
    assert low.gap


def test_the_gap_uses_the_latest_published_pulse_check_as_stored() -> None:
    _, rerun = published_pair()
    round = completed_round(default=3)
    leaders = leader_scores(ics=round.ics)
    assert leaders is not None and leaders.wave == rerun
    stored = constructs(results_for_wave(wave=rerun))["P3"]
    client = Client()
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    page = client.get(
        reverse("assessments:show_results", kwargs={"ics_code": "qyg", "round_id": round.pk})
    )
    body = text(page)
    assert f"leaders score protected time and support {stored['mean']:.1f} out of 10" in body
    assert rerun.title in body
