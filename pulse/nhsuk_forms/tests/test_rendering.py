from django import forms
from django.template import engines

from pulse.nhsuk_forms.rendering import error_list, field_params


class ExampleForm(forms.Form):
    name = forms.CharField(
        label="Place name",
        help_text="Like Wirral",
        error_messages={"required": "Enter the place name"},
    )
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)


def render(source: str, **context: object) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_a_text_field_becomes_an_nhs_input_with_its_hint_and_error() -> None:
    form = ExampleForm(data={"colour": "red"})
    form.is_valid()
    html = render(
        '{% from "nhsuk_forms/macros.jinja" import form_field %}{{ form_field(form["name"]) }}',
        form=form,
    )
    assert 'class="nhsuk-input nhsuk-input--error"' in html
    assert "Like Wirral" in html
    assert "Enter the place name" in html


def test_radios_keep_the_chosen_option_and_link_errors_to_the_first_radio() -> None:
    form = ExampleForm(data={"name": "x", "colour": "blue"})
    spec = field_params(form["colour"])
    assert spec["component"] == "radios"
    assert [i["checked"] for i in spec["params"]["items"]] == [False, True]
    empty = ExampleForm(data={"name": "x"})
    empty.is_valid()
    html = render(
        '{% from "nhsuk_forms/macros.jinja" import form_field %}{{ form_field(form["colour"]) }}',
        form=empty,
    )
    assert 'id="id_colour"' in html
    assert error_list(empty) == [{"text": "This field is required.", "href": "#id_colour"}]


def test_the_error_summary_lists_every_error_in_field_order() -> None:
    form = ExampleForm(data={})
    form.is_valid()
    html = render(
        '{% from "nhsuk_forms/macros.jinja" import error_summary %}{{ error_summary([form]) }}',
        form=form,
    )
    assert "There is a problem" in html
    assert html.index("Enter the place name") < html.index("This field is required.")
    assert 'href="#id_name"' in html


def test_values_typed_by_users_are_escaped() -> None:
    form = ExampleForm(data={"name": '<script>alert("x")</script>'})
    html = render(
        '{% from "nhsuk_forms/macros.jinja" import form_field %}{{ form_field(form["name"]) }}',
        form=form,
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_multiple_choice_renders_as_checkboxes_not_radios() -> None:
    class LayersForm(forms.Form):
        layers = forms.MultipleChoiceField(
            label="Layers",
            choices=[("system", "System"), ("place", "Place")],
            widget=forms.CheckboxSelectMultiple,
        )

    html = render(
        '{% from "nhsuk_forms/macros.jinja" import form_field %}{{ form_field(form["layers"]) }}',
        form=LayersForm(data={"layers": ["place"]}),
    )
    assert 'type="checkbox"' in html and 'type="radio"' not in html
