"""The demo surveys, and the synthetic model their responses come from."""

import random
import statistics
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify

from pulse.nonprod.demo import PLACES
from pulse.nonprod.surveys_demo import BASELINE, OPEN, RERUN, SEED, DemoWave
from pulse.nonprod.synthetic import SECTORS_BY_PROFESSION, synthetic_answers
from pulse.surveys.answers import clean_answers
from pulse.surveys.definition import Definition, load_definition_file
from pulse.surveys.models import Response, Wave, WaveStatus

PULSE_CHECK = Path(__file__).parents[2] / "surveys/instruments/ccpl-pulse-check/v1.yaml"
DEMO_PLACES = [{"code": slugify(name), "label": name} for name in PLACES]
SCORES = {1: 0.0, 2: 2.5, 3: 5.0, 4: 7.5, 5: 10.0}


# --- the demo in the database ---------------------------------------------------------------


@pytest.fixture
def demo(db: None, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    call_command("load_demo_data")
    waves = {w.title: w for w in Wave.objects.filter(ics__ods_code="QYG")}
    return {"out": capsys.readouterr().out, "waves": waves}


def test_the_demo_ics_has_a_baseline_a_rerun_and_an_open_wave(demo: dict[str, Any]) -> None:
    today = timezone.localdate()
    waves = demo["waves"]
    baseline, rerun, live = waves[BASELINE.title], waves[RERUN.title], waves[OPEN.title]
    # Closed a year ago and recently, then published by the results demo (results_demo.py).
    assert baseline.status == rerun.status == WaveStatus.PUBLISHED
    assert 350 <= (today - baseline.closes_on).days <= 380
    assert 0 < (today - rerun.closes_on).days <= 31
    assert live.status == WaveStatus.OPEN and live.open_link_enabled
    assert (live.opens_on, live.closes_on) == (today, today + timedelta(days=21))
    counts = {w.title: w.responses.count() for w in waves.values()}
    assert 230 <= counts[BASELINE.title] <= 270 and 230 <= counts[RERUN.title] <= 270
    assert counts[OPEN.title] == 40
    assert len(live.places) == 9
    assert [q["key"] for q in live.local_questions] == [
        "local_know_ccpl_lead",
        "local_heard_about_survey",
    ]
    assert f"/s/{live.open_link_slug}/" in demo["out"]


def test_the_open_link_works(demo: dict[str, Any], client: Client) -> None:
    live = demo["waves"][OPEN.title]
    assert client.get(f"/s/{live.open_link_slug}/").status_code == 200


def test_loading_the_demo_again_duplicates_no_wave_or_response(demo: dict[str, Any]) -> None:
    before = (Wave.objects.count(), Response.objects.count())
    dates = sorted(Response.objects.values_list("submitted_on", flat=True))
    call_command("load_demo_data")
    assert (Wave.objects.count(), Response.objects.count()) == before
    assert sorted(Response.objects.values_list("submitted_on", flat=True)) == dates


def test_every_demo_response_is_valid_and_dated_within_its_fieldwork(
    demo: dict[str, Any],
) -> None:
    for wave in demo["waves"].values():
        places = {p["code"] for p in wave.places}
        for response in wave.responses.all():
            assert clean_answers(wave.definition, response.answers, places=places) == (
                response.answers
            )
            assert wave.opens_on <= response.submitted_on <= wave.closes_on
        spread = {r.submitted_on for r in wave.responses.all()}
        assert len(spread) > (10 if wave.status == WaveStatus.CLOSED else 0)


# --- the synthetic model ----------------------------------------------------------------------


def generate(spec: DemoWave, definition: Definition) -> list[dict[str, Any]]:
    rng = random.Random(f"{SEED}-{spec.seed}")
    return [
        synthetic_answers(definition, rng, DEMO_PLACES, spec.model) for _ in range(spec.responses)
    ]


@pytest.fixture(scope="module")
def definition() -> Definition:
    return load_definition_file(PULSE_CHECK)


@pytest.fixture(scope="module")
def waves(definition: Definition) -> dict[str, list[dict[str, Any]]]:
    return {"baseline": generate(BASELINE, definition), "rerun": generate(RERUN, definition)}


def score(definition: Definition, key: str, value: int) -> float | None:
    """The 0-10 score of one agreement answer (None for "don't know")."""
    if value == 0:
        return None
    question = definition.question(key.split("__")[0])
    return 10 - SCORES[value] if question.reverse else SCORES[value]


def scale_items(definition: Definition, scale: str) -> list[str]:
    """The agreement items of a principle (P1..P5) or of the culture scale."""

    def belongs(question: Any) -> bool:
        if scale == "culture":
            return question.construct == "culture"
        return question.principle == scale and question.construct != "culture"

    return [q.key for q in definition.questions() if q.type == "agreement" and belongs(q)]


def scale_matrix(definition: Definition, answers: list[dict[str, Any]], scale: str) -> np.ndarray:
    keys = scale_items(definition, scale)
    rows = [[score(definition, k, a[k]) for k in keys] for a in answers]
    return np.array([row for row in rows if None not in row], dtype=float)


def cronbach_alpha(matrix: np.ndarray) -> float:
    k = matrix.shape[1]
    item_variance = matrix.var(axis=0, ddof=1).sum()
    return k / (k - 1) * (1 - item_variance / matrix.sum(axis=1).var(ddof=1))


def mean_score(definition: Definition, answers: list[dict[str, Any]]) -> float:
    scores = [
        score(definition, key, value)
        for a in answers
        for key, value in a.items()
        if definition.question(key.split("__")[0]).type in ("agreement", "layer_grid")
    ]
    return statistics.fmean(s for s in scores if s is not None)


def test_every_synthetic_response_fits_the_pulse_check(definition: Definition, waves: dict) -> None:
    places = {p["code"] for p in DEMO_PLACES}
    for answers in waves["baseline"][:50]:
        clean_answers(definition, answers, places=places)


def test_the_model_is_reproducible(definition: Definition, waves: dict) -> None:
    assert generate(BASELINE, definition) == waves["baseline"]


def test_professions_and_layers_come_in_plausible_proportions(waves: dict) -> None:
    answers = waves["baseline"] + waves["rerun"]
    professions = Counter(a["profession_group"] for a in answers)
    top_four = {code for code, _ in professions.most_common(4)}
    assert top_four == {
        "nursing_midwifery",
        "allied_health_professional",
        "general_practitioner",
        "medical_consultant",
    }
    assert 0.15 <= professions["nursing_midwifery"] / len(answers) <= 0.3
    layers = Counter(layer for a in answers for layer in a["layers"])
    assert layers["organisation"] > layers["place"] > layers["system"]
    assert layers["place"] > layers["provider_collaborative"]
    assert layers["provider_collaborative"] / len(answers) < 0.2


def test_sectors_are_consistent_with_professions(waves: dict) -> None:
    for a in waves["baseline"] + waves["rerun"]:
        assert a["sector"] in SECTORS_BY_PROFESSION[a["profession_group"]]
    gps = [
        a["sector"] for a in waves["baseline"] if a["profession_group"] == "general_practitioner"
    ]
    assert Counter(gps).most_common(1)[0][0] == "primary_care"


def test_places_follow_population(waves: dict) -> None:
    places = Counter(a["place"] for a in waves["baseline"] + waves["rerun"])
    assert places["liverpool"] > places["halton"] * 2
    assert 0 < places["prefer_not_to_say"] < 40


@pytest.mark.parametrize("scale", ["P1", "P2", "P3", "P4", "P5", "culture"])
def test_each_scale_is_reliable_like_a_real_one(
    definition: Definition, waves: dict, scale: str
) -> None:
    for answers in waves.values():
        assert 0.7 <= cronbach_alpha(scale_matrix(definition, answers, scale)) <= 0.9


def test_principles_differ_plausibly(definition: Definition, waves: dict) -> None:
    means = {
        p: np.nanmean(scale_matrix(definition, waves["baseline"], p))
        for p in ["P1", "P2", "P3", "P4", "P5"]
    }
    assert min(means, key=means.get) == "P3"
    assert max(means, key=means.get) == "P2"
    assert 3 <= means["P3"] <= 4.5 and 5.5 <= means["P2"] <= 7


def test_the_rerun_improves_modestly(definition: Definition, waves: dict) -> None:
    change = mean_score(definition, waves["rerun"]) - mean_score(definition, waves["baseline"])
    assert 0.3 <= change <= 0.5


def test_some_answers_are_dont_know_blank_or_free_text(waves: dict) -> None:
    answers = waves["baseline"]
    agreement = [v for a in answers for k, v in a.items() if isinstance(v, int) and k != "years"]
    assert 0.02 <= agreement.count(0) / len(agreement) <= 0.08
    blank_or_private = sum(a.get("age_band", "prefer_not_to_say") == "prefer_not_to_say" for a in answers)  # fmt: skip
    assert 0.2 <= blank_or_private / len(answers) <= 0.5
    commented = [a for a in answers if "views_works_well" in a or "views_one_improvement" in a]
    assert 0.2 <= len(commented) / len(answers) <= 0.4
    texts = " ".join(a.get("views_one_improvement", "") for a in answers)
    assert "@example.org" in texts or "07700 900" in texts or "0151 496" in texts
