"""Build the analysis package's input (a response frame and InstrumentMeta) from survey data.

The analysis package does no I/O (DESIGN.md section 4); this module is the one bridge. The frame
never leaves the server: only `pulse.analysis.publish_wave` and friends turn it into numbers.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

from pulse.analysis import (
    ChoiceQuestion,
    Dimension,
    FreeTextQuestion,
    InstrumentMeta,
    Item,
    NumberQuestion,
    Option,
    layer_dimension,
    layer_grid_items,
)
from pulse.surveys.definition import PREFER_NOT_TO_SAY, Definition, Question

PLACE_PREFER_NOT_TO_SAY = Option(PREFER_NOT_TO_SAY, "Prefer not to say")


def _options(question: Question, places: Sequence[Mapping[str, str]]) -> tuple[Option, ...]:
    if question.type == "place":
        return (*(Option(p["code"], p["label"]) for p in places), PLACE_PREFER_NOT_TO_SAY)
    return tuple(Option(o.code, o.label) for o in question.options)


def _dimension(
    question: Question, places: Sequence[Mapping[str, str]], layers: Sequence[str]
) -> Dimension:
    key = question.dimension_key
    assert key is not None
    if key == "layer":
        return layer_dimension(layers, label=question.text)
    return Dimension(key, question.text, _options(question, places))


def _items(question: Question, layers: Sequence[str]) -> tuple[Item, ...]:
    if question.type == "layer_grid":
        # Layer involvement constructs are derived from the layer; a construct code of
        # "involvement" on the grid would only repeat them.
        return layer_grid_items(
            question.key,
            question.text,
            layers,
            principle=question.principle,
            reverse=question.reverse,
        )
    return (
        Item(
            question.key,
            question.key,
            question.text,
            construct=question.construct,
            principle=question.principle,
            reverse=question.reverse,
        ),
    )


def instrument_meta(definition: Definition, places: Sequence[Mapping[str, str]]) -> InstrumentMeta:
    """The analysis metadata of a definition, with the wave's places as the place options."""
    layers = definition.layer_codes()
    items: list[Item] = []
    dimensions: list[Dimension] = []
    choices: list[ChoiceQuestion] = []
    free_text: list[FreeTextQuestion] = []
    numbers: list[NumberQuestion] = []
    for question in definition.questions():
        if question.dimension_key is not None:
            dimensions.append(_dimension(question, places, layers))
        elif question.type in ("agreement", "layer_grid"):
            items.extend(_items(question, layers))
        elif question.type in ("single_choice", "multiple_choice", "place"):
            multiple = question.type == "multiple_choice"
            choices.append(
                ChoiceQuestion(question.key, question.text, _options(question, places), multiple)
            )
        elif question.type == "free_text":
            free_text.append(FreeTextQuestion(question.key, question.text))
        elif question.type == "number":
            numbers.append(NumberQuestion(question.key, question.text))
    return InstrumentMeta(
        items=tuple(items),
        dimensions=tuple(dimensions),
        choices=tuple(choices),
        free_text=tuple(free_text),
        numbers=tuple(numbers),
    )


def _columns(definition: Definition) -> list[tuple[str, str, pl.DataType]]:
    """(frame column, answer key, dtype) for every answer the frame holds."""
    columns: list[tuple[str, str, pl.DataType]] = []
    for question in definition.questions():
        if not question.is_answered:
            continue
        if question.type == "layer_grid":
            columns.extend(
                (f"{question.key}__{layer}", f"{question.key}__{layer}", pl.Int8())
                for layer in definition.layer_codes()
            )
            continue
        column = question.dimension_key or question.key
        if question.type == "agreement":
            dtype: pl.DataType = pl.Int8()
        elif question.type == "multiple_choice":
            dtype = pl.List(pl.String())
        elif question.type == "number":
            dtype = pl.Int64()
        else:
            dtype = pl.String()
        columns.append((column, question.key, dtype))
    return columns


def responses_frame(
    definition: Definition,
    responses: Iterable[tuple[Any, Mapping[str, Any]]],
    *,
    ics_code: str | None = None,
) -> pl.DataFrame:
    """One row per (response id, answers); answers as stored (see `pulse.surveys.answers`)."""
    columns = _columns(definition)
    data: dict[str, list[Any]] = {"response_id": []}
    for column, _, _ in columns:
        data[column] = []
    for response_id, answers in responses:
        data["response_id"].append(str(response_id))
        for column, key, _ in columns:
            data[column].append(answers.get(key))
    schema = {"response_id": pl.String(), **{column: dtype for column, _, dtype in columns}}
    frame = pl.DataFrame(data, schema=schema)
    if ics_code is not None:
        frame = frame.with_columns(pl.lit(ics_code).alias("ics_code"))
    return frame
