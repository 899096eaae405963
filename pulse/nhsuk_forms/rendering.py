"""Turn Django bound fields into parameters for the NHS design system's Jinja macros.

Templates call `form_field(form["name"])` (see `nhsuk_forms/macros.jinja`); the widget decides
the component: radios, checkboxes, select, textarea, password, file upload, date input (day,
month and year) or text input.
Options such as the legend size or input width come from the field's `widget.attrs` under
keys starting `nhsuk_` or from overrides passed in the template.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms import BoundField

from pulse.nhsuk_forms.dates import NhsDateInput, date_parts, problem_parts

COMPONENT_FOR_WIDGET: list[tuple[type[forms.Widget], str]] = [
    (NhsDateInput, "date"),
    # CheckboxSelectMultiple subclasses RadioSelect, so it must be matched first.
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
    (forms.PasswordInput, "password"),
    (forms.ClearableFileInput, "file"),
    (forms.FileInput, "file"),
    (forms.CheckboxInput, "checkbox"),
]
HTML_ATTRS = ("autocomplete", "inputmode", "spellcheck", "autocapitalize", "accept")


def component_for(field: BoundField) -> str:
    for widget_class, component in COMPONENT_FOR_WIDGET:
        if isinstance(field.field.widget, widget_class):
            return component
    return "input"


def field_id(field: BoundField) -> str:
    """The id of the first focusable element, which the error summary links to."""
    base = field.auto_id or f"id_{field.html_name}"
    if component_for(field) != "date":
        return base
    faulty = problem_parts(str(field.label), field.value()) if field.errors else ("day",)
    return f"{base}_{faulty[0]}"


def deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def _selected_values(field: BoundField) -> set[str]:
    value = field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {str(value)}


def _choice_items(field: BoundField, selected_key: str) -> list[dict[str, Any]]:
    selected = _selected_values(field)
    hints = field.field.widget.attrs.get("nhsuk_item_hints", {})
    items = []
    for value, label in field.field.choices:
        if value == "" and selected_key == "checked":
            continue
        item: dict[str, Any] = {"value": value, "text": label, selected_key: str(value) in selected}
        if str(value) in hints:
            item["hint"] = {"text": hints[str(value)]}
        items.append(item)
    return items


def _common(field: BoundField) -> dict[str, Any]:
    params: dict[str, Any] = {"name": field.html_name}
    if field.help_text:
        params["hint"] = {"text": field.help_text}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(field.errors)}
    attrs = field.field.widget.attrs
    html_attrs = {k: attrs[k] for k in HTML_ATTRS if k in attrs}
    if html_attrs:
        params["attributes"] = html_attrs
    if attrs.get("nhsuk_classes"):
        params["classes"] = attrs["nhsuk_classes"]
    return params


def _fieldset(field: BoundField) -> dict[str, Any]:
    size = field.field.widget.attrs.get("nhsuk_legend_size", "s")
    return {"legend": {"text": field.label, "size": size}}


def field_params(field: BoundField, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return `{"component": name, "params": {...}}` for the macro of that component."""
    component = component_for(field)
    params = _common(field)
    if component in {"radios", "checkboxes"}:
        key = "checked"
        params.update(idPrefix=field_id(field).removesuffix("_0"), fieldset=_fieldset(field))
        params["items"] = _choice_items(field, key)
    elif component == "select":
        params.update(id=field_id(field), label={"text": field.label})
        params["items"] = _choice_items(field, "selected")
    elif component == "date":
        params.update(_date_params(field))
    elif component == "checkbox":
        params.update(idPrefix=field_id(field), fieldset=_fieldset(field))
        params["items"] = [
            {
                "value": "on",
                "text": field.field.widget.attrs.get("nhsuk_text", field.label),
                "checked": bool(field.value()),
            }
        ]
    else:
        params.update(id=field_id(field), label={"text": field.label})
        value = field.value()
        if component not in {"password", "file"} and value not in (None, ""):
            params["value"] = str(value)
        if component == "input":
            params["type"] = getattr(field.field.widget, "input_type", "text")
    if overrides:
        params = deep_merge(params, overrides)
    return {"component": component, "params": params}


def _date_params(field: BoundField) -> dict[str, Any]:
    """The day, month and year inputs; only the parts at fault are highlighted."""
    base = field.auto_id or f"id_{field.html_name}"
    values = date_parts(field.value())
    faulty = problem_parts(str(field.label), field.value()) if field.errors else ()
    items = [
        {
            "id": f"{base}_{part}",
            "name": f"{field.html_name}_{part}",
            "label": part.capitalize(),
            "value": values[part],
            "width": 4 if part == "year" else 2,
            "error": part in faulty,
        }
        for part in ("day", "month", "year")
    ]
    return {"id": base, "fieldset": _fieldset(field), "items": items}


def error_list(*forms_: forms.BaseForm) -> list[dict[str, str]]:
    """Items for the NHS error summary: each error links to its field."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"text": str(error), "href": "#main-content-errors"})
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            anchor = "#" + field_id(form[name]).removesuffix("_0")
            items.extend({"text": str(e), "href": anchor} for e in errors)
    return items
