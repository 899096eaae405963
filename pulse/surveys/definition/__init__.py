"""Instrument definitions: the validated, immutable structure of one questionnaire version.

The format is described in docs/instrument-format.md. This package imports no Django.

>>> definition = parse_definition(
...     {
...         "key": "example",
...         "version": 1,
...         "title": "Example",
...         "description": "A one-question survey.",
...         "sections": [
...             {
...                 "key": "only",
...                 "title": "Only section",
...                 "questions": [{"key": "q1", "type": "agreement", "text": "I feel involved."}],
...             }
...         ],
...     }
... )
>>> definition.answer_keys()
('q1',)
"""

from pulse.surveys.definition.files import load_definition_file
from pulse.surveys.definition.model import (
    AGREEMENT_SCALE,
    DIMENSIONS,
    FREE_TEXT_MAX_CHARS,
    LAYERS,
    PREFER_NOT_TO_SAY,
    PRINCIPLES,
    QUESTION_TYPES,
    Condition,
    Definition,
    DefinitionError,
    Option,
    Problem,
    Question,
    ScalePoint,
    Section,
)
from pulse.surveys.definition.parse import parse_definition

__all__ = [
    "AGREEMENT_SCALE",
    "DIMENSIONS",
    "FREE_TEXT_MAX_CHARS",
    "LAYERS",
    "PREFER_NOT_TO_SAY",
    "PRINCIPLES",
    "QUESTION_TYPES",
    "Condition",
    "Definition",
    "DefinitionError",
    "Option",
    "Problem",
    "Question",
    "ScalePoint",
    "Section",
    "load_definition_file",
    "parse_definition",
]
