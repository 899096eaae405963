import polars as pl
import pytest

from pulse.analysis import publish_wave, validate_frame
from pulse.surveys.frames import instrument_meta, responses_frame
from pulse.surveys.services.responses import response_create
from pulse.surveys.tests.factories import SMALL_VALID, open_wave, pulse_check, small_version

pytestmark = pytest.mark.django_db


def test_the_pulse_check_becomes_principles_layers_and_an_involvement_index() -> None:
    meta = instrument_meta(pulse_check().definition, [{"code": "wirral", "label": "Wirral"}])
    constructs = [c.key for c in meta.constructs]
    assert constructs[:5] == ["P1", "P2", "P3", "P4", "P5"]
    assert "culture" in constructs and constructs[-1] == "involvement_index"
    assert {d.key for d in meta.dimensions} >= {
        "profession_group",
        "sector",
        "role_level",
        "place",
        "layer",
    }
    place = meta.dimension("place")
    assert [o.code for o in place.options] == ["wirral", "prefer_not_to_say"]
    assert meta.dimension("layer").multi_valued


def test_stored_answers_become_a_typed_frame_the_analysis_accepts() -> None:
    wave = open_wave(small_version())
    response_create(wave=wave, answers=SMALL_VALID)
    other = {k: v for k, v in SMALL_VALID.items() if k not in {"involved__place", "more_text"}}
    response_create(
        wave=wave, answers={**other, "layers": ["system"], "involved__system": 2, "more": "no"}
    )
    meta = instrument_meta(wave.definition, wave.places)
    frame = responses_frame(wave.definition, wave.responses.values_list("id", "answers"))
    assert frame.schema["layer"] == pl.List(pl.String)
    assert frame.schema["valued"] == pl.Int8
    assert frame.schema["years"] == pl.Int64
    assert sorted(frame["involved__place"].to_list(), key=lambda v: v is None) == [4, None]
    validate_frame(frame, meta)


def test_a_small_wave_publishes_nothing_below_ten() -> None:
    wave = open_wave(small_version())
    for _ in range(4):
        response_create(wave=wave, answers=SMALL_VALID)
    published = publish_wave(
        responses_frame(wave.definition, wave.responses.values_list("id", "answers")),
        instrument_meta(wave.definition, wave.places),
    )
    overall = published.construct_scores.filter(pl.col("dimension_1").is_null())
    assert overall["suppressed"].all()
    assert overall["mean"].is_null().all()
