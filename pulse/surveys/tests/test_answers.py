import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulse.surveys.answers import InvalidAnswers, clean_answers, prune_hidden, shown_slots
from pulse.surveys.definition import parse_definition
from pulse.surveys.tests.factories import SMALL_VALID, small_definition

DEFINITION = parse_definition(small_definition())
PLACES = {"liverpool", "wirral", "halton"}


def problems(raw: dict[str, object], complete: bool = True) -> dict[str, str]:
    with pytest.raises(InvalidAnswers) as error:
        clean_answers(DEFINITION, raw, places=PLACES, complete=complete)
    return error.value.problems


def test_valid_answers_are_stored_in_their_typed_form() -> None:
    assert clean_answers(DEFINITION, SMALL_VALID, places=PLACES) == {
        "layers": ["place"],
        "place": "wirral",
        "more": "yes",
        "more_text": "More please",
        "years": 12,
        "involved__place": 4,
        "valued": 0,
    }


def test_the_layer_grid_is_asked_only_for_the_layers_chosen() -> None:
    keys = [slot.key for slot in shown_slots(DEFINITION, {"layers": ["system", "place"]})]
    assert [k for k in keys if k.startswith("involved")] == ["involved__system", "involved__place"]
    assert problems({**SMALL_VALID, "involved__system": 3}) == {
        "involved__system": "This question was not shown, so it cannot be answered"
    }


def test_an_answer_to_a_question_hidden_by_its_condition_is_rejected() -> None:
    assert problems({**SMALL_VALID, "more": "no"}) == {
        "more_text": "This question was not shown, so it cannot be answered"
    }


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        ({"valued": 9}, "valued", "Select one of the answers shown"),
        ({"valued": True}, "valued", "Select one of the answers shown"),
        ({"place": "camden"}, "place", "Select one of the answers shown"),
        (
            {"layers": ["place", "place"]},
            "layers",
            "Select the answers that apply from those shown",
        ),
        ({"layers": "place"}, "layers", "Select the answers that apply from those shown"),
        ({"years": "61"}, "years", "Enter a number between 0 and 60"),
        ({"years": "twelve"}, "years", "Enter a whole number, like 12"),
        ({"more_text": "x" * 5001}, "more_text", "Your answer must be 5,000 characters or fewer"),
        ({"unknown_key": 1}, "unknown_key", "There is no question with this key in this survey"),
        ({"more_text": "bad\x00text"}, "more_text", "Remove the null characters from this answer"),
        ({"layers": ["place\x00"]}, "layers", "Remove the null characters from this answer"),
    ],
)
def test_out_of_range_and_unknown_answers_are_rejected(
    change: dict[str, object], key: str, message: str
) -> None:
    assert problems({**SMALL_VALID, **change})[key] == message


def test_a_complete_submission_needs_every_required_answer_but_a_draft_does_not() -> None:
    raw = {k: v for k, v in SMALL_VALID.items() if k != "valued"}
    assert problems(raw) == {"valued": "Answer this question"}
    assert "valued" not in clean_answers(DEFINITION, raw, places=PLACES, complete=False)


def test_place_accepts_prefer_not_to_say() -> None:
    assert (
        clean_answers(DEFINITION, {**SMALL_VALID, "place": "prefer_not_to_say"}, places=PLACES)[
            "place"
        ]
        == "prefer_not_to_say"
    )


def test_changing_an_earlier_answer_prunes_answers_it_hides() -> None:
    saved = clean_answers(
        DEFINITION,
        {**SMALL_VALID, "layers": ["system", "place"], "involved__system": 2},
        places=PLACES,
    )
    pruned = prune_hidden(DEFINITION, {**saved, "layers": ["system"], "more": "no"})
    assert "involved__place" not in pruned and "more_text" not in pruned
    assert pruned["involved__system"] == 2


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*DEFINITION.answer_keys(), "x", ""]) | st.text(max_size=8),
        json_values,
        max_size=12,
    )
)
def test_any_payload_is_either_cleaned_into_valid_answers_or_rejected_with_reasons(
    raw: dict[str, object],
) -> None:
    try:
        cleaned = clean_answers(DEFINITION, raw, places=PLACES, complete=False)
    except InvalidAnswers as error:
        reasons = error.problems
    else:
        reasons = None
    if reasons is not None:
        assert reasons, "a rejection must say why"
        return
    # Whatever was accepted is valid when checked again, and only has known keys.
    assert set(cleaned) <= set(DEFINITION.answer_keys())
    assert clean_answers(DEFINITION, cleaned, places=PLACES, complete=False) == cleaned
