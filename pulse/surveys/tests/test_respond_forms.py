"""The section form and what a page shows, without the web layer."""

from django.utils.datastructures import MultiValueDict

from pulse.surveys.definition import parse_definition
from pulse.surveys.forms.respond import SectionForm, page_slots, required_message, statement
from pulse.surveys.tests.factories import small_definition
from pulse.surveys.tests.respond_helpers import one_page_definition

PLACES = [{"code": "wirral", "label": "Wirral"}]


def test_statements_are_quoted_mid_sentence() -> None:
    assert statement("Leaders are heard.") == "leaders are heard"
    assert statement("I feel valued.") == "I feel valued"
    assert statement("NHS leaders are heard") == "NHS leaders are heard"


def test_required_messages_follow_nhs_wording() -> None:
    definition = parse_definition(small_definition())
    assert required_message(definition.question("valued")) == (
        "Select how much you agree that I feel valued"
    )
    assert required_message(definition.question("involved"), "Place") == (
        "Place: select how much you agree that I am involved in decisions"
    )
    assert required_message(definition.question("more")) == "Select an answer"
    assert required_message(definition.question("layers")) == (
        "Select the levels of the system where you do leadership work"
    )
    assert required_message(definition.question("years")) == "Enter a whole number"
    assert required_message(definition.question("more_text")) == "Enter your answer"


def test_a_grid_on_the_page_of_the_layers_question_is_shown_for_every_layer() -> None:
    definition = one_page_definition()
    slots = page_slots(definition, {}, definition.sections[0])
    assert [s.key for s in slots] == [
        "layers",
        "involved__system",
        "involved__place",
        "valued",
    ]
    form = SectionForm(
        MultiValueDict(
            {"layers": ["place"], "involved__system": ["2"], "involved__place": [], "valued": ["1"]}
        ),
        definition=definition,
        slots=slots,
        places=PLACES,
    )
    assert not form.is_valid()
    assert list(form.errors) == ["involved__place"]  # the unchosen layer's answer is ignored
    form = SectionForm(
        MultiValueDict(
            {
                "layers": ["place"],
                "involved__system": ["2"],
                "involved__place": ["3"],
                "valued": ["1"],
            }
        ),
        definition=definition,
        slots=slots,
        places=PLACES,
    )
    assert form.is_valid()
    assert form.answers == {"layers": ["place"], "involved__place": 3, "valued": 1}


def test_grid_items_come_layer_by_layer() -> None:
    data = small_definition()
    data["sections"][1]["questions"].insert(
        1, {"key": "heard", "type": "layer_grid", "text": "I am heard."}
    )
    definition = parse_definition(data)
    slots = page_slots(definition, {"layers": ["system", "place"]}, definition.sections[1])
    assert [s.key for s in slots] == [
        "involved__system",
        "heard__system",
        "involved__place",
        "heard__place",
        "valued",
    ]


def test_stored_values_take_the_definition_types() -> None:
    definition = parse_definition(small_definition())
    slots = page_slots(definition, {}, definition.sections[0])
    form = SectionForm(
        MultiValueDict(
            {
                "layers": ["place", "system"],
                "place": ["prefer_not_to_say"],
                "more": ["no"],
                "years": ["007"],
            }
        ),
        definition=definition,
        slots=slots,
        places=PLACES,
    )
    assert form.is_valid(), form.errors
    assert form.answers == {
        "layers": ["system", "place"],
        "place": "prefer_not_to_say",
        "more": "no",
        "years": 7,
    }
