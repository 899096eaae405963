from datetime import date

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template import engines

from pulse.nhsuk_forms.dates import NhsDateField
from pulse.nhsuk_forms.rendering import error_list


class DateForm(forms.Form):
    opens_on = NhsDateField(
        label="Opening date",
        help_text="For example, 15 3 2027",
        error_messages={"required": "Enter the opening date"},
    )


def parts(day: str = "", month: str = "", year: str = "") -> dict[str, str]:
    return {"opens_on_day": day, "opens_on_month": month, "opens_on_year": year}


def render(form: forms.Form) -> BeautifulSoup:
    source = (
        '{% from "nhsuk_forms/macros.jinja" import form_field %}{{ form_field(form["opens_on"]) }}'
    )
    return BeautifulSoup(
        engines["jinja2"].from_string(source).render({"form": form}), "html.parser"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (parts("5", "3", "2027"), date(2027, 3, 5)),
        (parts(" 05 ", "03", "2027"), date(2027, 3, 5)),
        (parts("5", "Mar", "2027"), date(2027, 3, 5)),
        (parts("29", "february", "2028"), date(2028, 2, 29)),
    ],
)
def test_a_real_date_is_read_from_its_parts(typed: dict[str, str], expected: date) -> None:
    form = DateForm(data=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opens_on"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({}, "Enter the opening date"),
        (parts(), "Enter the opening date"),
        (parts("5"), "Opening date must include a month and year"),
        (parts("", "3", "2027"), "Opening date must include a day"),
        (parts("31", "2", "2027"), "Opening date must be a real date"),
        (parts("29", "2", "2027"), "Opening date must be a real date"),
        (parts("5", "13", "2027"), "Opening date must be a real date"),
        (parts("five", "3", "2027"), "Opening date must be a real date"),
        (parts("5", "3", "27"), "Year of the opening date must include 4 numbers"),
    ],
)
def test_each_mistake_gets_an_nhs_error_message(typed: dict[str, str], message: str) -> None:
    form = DateForm(data=typed)
    assert not form.is_valid()
    assert form.errors["opens_on"] == [message]


def test_it_renders_the_nhs_date_input_with_the_typed_values() -> None:
    page = render(DateForm(data=parts("5", "", "2027")))
    group = page.select_one("fieldset")
    assert group.select_one("legend").get_text(strip=True) == "Opening date"
    inputs = {i["name"]: i.get("value", "") for i in page.select("input")}
    assert inputs == {"opens_on_day": "5", "opens_on_month": "", "opens_on_year": "2027"}
    assert (
        page.select_one(".nhsuk-error-message")
        .get_text(" ", strip=True)
        .endswith("Opening date must include a month")
    )
    faulty = [i["name"] for i in page.select("input.nhsuk-input--error")]
    assert faulty == ["opens_on_month"]


def test_the_error_summary_links_to_the_first_part_to_fix() -> None:
    form = DateForm(data=parts("5", "", ""))
    form.is_valid()
    assert error_list(form) == [
        {"text": "Opening date must include a month and year", "href": "#id_opens_on_month"}
    ]
    empty = DateForm(data={})
    empty.is_valid()
    assert error_list(empty)[0]["href"] == "#id_opens_on_day"


def test_an_initial_date_fills_the_inputs() -> None:
    page = render(DateForm(initial={"opens_on": date(2027, 3, 5)}))
    assert [i["value"] for i in page.select("input")] == ["5", "3", "2027"]
    assert not page.select(".nhsuk-input--error")
