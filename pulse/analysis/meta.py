"""Instrument metadata: what the analysis needs to know about a questionnaire.

The surveys app builds an :class:`InstrumentMeta` from an instrument version (see
``docs/instrument-format.md``); the analysis package does no I/O of its own.

Constructs are derived, never declared twice:

* each principle ``P1`` .. ``P5`` is a construct made of the items with that principle;
* ``involvement_<layer>`` is made of every item whose ``layer`` is that layer (the layer-grid
  answers ``<question_key>__<layer>``);
* ``involvement_index`` is a respondent-level mean of that respondent's layer involvement scores
  (see :mod:`pulse.analysis.scoring`);
* any other ``construct`` code (for example ``culture``) is a construct of its items.

Examples
--------
>>> meta = InstrumentMeta(
...     items=(
...         Item("shared_learning", "shared_learning", "We learn together", principle="P2"),
...         *layer_grid_items("involve_vision", "I help shape the vision", ("system", "place"),
...                           principle="P1"),
...     ),
...     dimensions=(layer_dimension(("system", "place")),),
... )
>>> [c.key for c in meta.constructs]
['P1', 'P2', 'involvement_system', 'involvement_place', 'involvement_index']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "AGREEMENT_LABELS",
    "LAYERS",
    "LAYER_LABELS",
    "PRINCIPLES",
    "PRINCIPLE_LABELS",
    "ChoiceQuestion",
    "Construct",
    "Dimension",
    "FreeTextQuestion",
    "InstrumentMeta",
    "Item",
    "NumberQuestion",
    "Option",
    "layer_dimension",
    "layer_grid_items",
]

LAYERS: tuple[str, ...] = (
    "system",
    "place",
    "neighbourhood",
    "provider_collaborative",
    "organisation",
)
LAYER_LABELS: Mapping[str, str] = {
    "system": "System (integrated care board or integrated care partnership)",
    "place": "Place",
    "neighbourhood": "Neighbourhood (including primary care networks)",
    "provider_collaborative": "Provider collaborative",
    "organisation": "My own organisation",
}
PRINCIPLES: tuple[str, ...] = ("P1", "P2", "P3", "P4", "P5")
PRINCIPLE_LABELS: Mapping[str, str] = {
    "P1": "Leaders of every profession are part of decision making at every level",
    "P2": "A culture of shared learning, collaboration and innovation",
    "P3": "Protected time, support, data and infrastructure",
    "P4": "A development offer for leaders at all levels",
    "P5": "Transparent, equitable recruitment and a diverse pipeline",
}
AGREEMENT_LABELS: Mapping[int, str] = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
    0: "Don't know / not applicable",
}
INVOLVEMENT_INDEX = "involvement_index"
ICS_DIMENSION = "ics_code"
RESERVED_COLUMNS = frozenset({"response_id", "ics_code", "wave_id"})

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_key(kind: str, key: str) -> None:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(f"{kind} key {key!r} must be snake_case (a-z, 0-9, _)")


@dataclass(frozen=True)
class Option:
    """One answer option of a choice question or breakdown dimension."""

    code: str
    label: str


@dataclass(frozen=True)
class Item:
    """One scored agreement answer column.

    Parameters
    ----------
    key
        Column name in the response frame: the question key, or ``<question_key>__<layer>``
        for a layer-grid answer.
    question_key
        The stem question key (equal to ``key`` for a plain agreement question).
    label
        Question text (for a layer-grid item, the stem text).
    layer
        The layer this answer is about, or ``None``. Layer items apply only to respondents
        who work at that layer.
    construct, principle
        Optional construct code and principle ``P1`` .. ``P5``.
    reverse
        Reverse-scored: the 0..10 score is ``10 - score``.
    """

    key: str
    question_key: str
    label: str
    layer: str | None = None
    construct: str | None = None
    principle: str | None = None
    reverse: bool = False

    def __post_init__(self) -> None:
        _check_key("question", self.question_key)
        if self.layer is None:
            if self.key != self.question_key:
                raise ValueError(
                    f"item {self.key!r}: a non-layer item's key must equal its question key"
                )
        else:
            if self.layer not in LAYERS:
                raise ValueError(f"item {self.key!r}: unknown layer {self.layer!r}")
            if self.key != f"{self.question_key}__{self.layer}":
                raise ValueError(
                    f"item {self.key!r}: a layer item's key must be "
                    f"'{self.question_key}__{self.layer}'"
                )
        if self.principle is not None and self.principle not in PRINCIPLES:
            raise ValueError(f"item {self.key!r}: unknown principle {self.principle!r}")
        if self.construct is not None:
            _check_key("construct", self.construct)
            if self.construct in PRINCIPLES or self.construct.startswith("involvement_"):
                raise ValueError(
                    f"item {self.key!r}: construct code {self.construct!r} clashes with a "
                    "derived construct (P1..P5, involvement_<layer>, involvement_index)"
                )


@dataclass(frozen=True)
class Dimension:
    """A breakdown dimension (profession_group, sector, role_level, place, layer, equality...).

    ``multi_valued`` dimensions (the layers a leader works at) are ``List(Utf8)`` columns; a
    respondent belongs to every group whose code is in their list.
    """

    key: str
    label: str
    options: tuple[Option, ...]
    multi_valued: bool = False

    def __post_init__(self) -> None:
        _check_key("dimension", self.key)
        codes = [o.code for o in self.options]
        if not codes:
            raise ValueError(f"dimension {self.key!r} has no options")
        if len(set(codes)) != len(codes):
            raise ValueError(f"dimension {self.key!r} has duplicate option codes")
        for code in codes:
            if not isinstance(code, str) or not code or "&" in code or "=" in code:
                raise ValueError(f"dimension {self.key!r}: option code {code!r} is not allowed")
        if self.multi_valued and len(codes) > 62:
            raise ValueError(f"dimension {self.key!r}: at most 62 options for multi-valued")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def label_for(self, code: str) -> str:
        for option in self.options:
            if option.code == code:
                return option.label
        return code


@dataclass(frozen=True)
class ChoiceQuestion:
    """A single- or multiple-choice question that is not a breakdown dimension."""

    key: str
    label: str
    options: tuple[Option, ...]
    multiple: bool = False

    def __post_init__(self) -> None:
        _check_key("question", self.key)
        if len(self.options) < 2:
            raise ValueError(f"choice question {self.key!r} needs at least two options")


@dataclass(frozen=True)
class FreeTextQuestion:
    """A free-text question (Utf8 column)."""

    key: str
    label: str

    def __post_init__(self) -> None:
        _check_key("question", self.key)


@dataclass(frozen=True)
class NumberQuestion:
    """A whole-number question (Int64 column)."""

    key: str
    label: str

    def __post_init__(self) -> None:
        _check_key("question", self.key)


@dataclass(frozen=True)
class Construct:
    """A derived construct: a set of items scored together.

    ``kind`` is ``"principle"``, ``"layer_involvement"``, ``"construct"`` or ``"index"``
    (the overall involvement index, which has no items of its own but uses the layer
    involvement constructs listed in ``components``).
    """

    key: str
    label: str
    kind: str
    item_keys: tuple[str, ...]
    components: tuple[str, ...] = ()


@dataclass(frozen=True)
class InstrumentMeta:
    """Everything the analysis needs about one instrument version.

    Raises ``ValueError`` naming the problem for duplicate keys, unknown layers or
    principles, and layer items without a ``layer`` dimension.
    """

    items: tuple[Item, ...]
    dimensions: tuple[Dimension, ...] = ()
    choices: tuple[ChoiceQuestion, ...] = ()
    free_text: tuple[FreeTextQuestion, ...] = ()
    numbers: tuple[NumberQuestion, ...] = ()
    construct_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "dimensions", tuple(self.dimensions))
        object.__setattr__(self, "choices", tuple(self.choices))
        object.__setattr__(self, "free_text", tuple(self.free_text))
        object.__setattr__(self, "numbers", tuple(self.numbers))
        keys = [
            *(i.key for i in self.items),
            *(d.key for d in self.dimensions),
            *(c.key for c in self.choices),
            *(f.key for f in self.free_text),
            *(n.key for n in self.numbers),
        ]
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise ValueError(f"key {key!r} is used twice in the instrument metadata")
            if key in RESERVED_COLUMNS:
                raise ValueError(f"key {key!r} is reserved for the response frame")
            seen.add(key)
        layer_items = [i for i in self.items if i.layer is not None]
        if layer_items:
            dim = self.dimension("layer")
            if dim is None or not dim.multi_valued:
                raise ValueError(
                    "layer items need a multi-valued 'layer' dimension in the metadata"
                )
            missing = {str(i.layer) for i in layer_items} - set(dim.codes)
            if missing:
                raise ValueError(f"layer dimension lacks options for {sorted(missing)}")

    def dimension(self, key: str) -> Dimension | None:
        """The dimension with this key, or ``None``."""
        for dim in self.dimensions:
            if dim.key == key:
                return dim
        return None

    def item(self, key: str) -> Item:
        """The item with this column key; ``ValueError`` if unknown."""
        for item in self.items:
            if item.key == key:
                return item
        raise ValueError(f"unknown item key {key!r}")

    @property
    def constructs(self) -> tuple[Construct, ...]:
        """Derived constructs, in a stable order (principles, others, layers, index)."""
        out: list[Construct] = []
        for p in PRINCIPLES:
            keys = tuple(i.key for i in self.items if i.principle == p)
            if keys:
                out.append(Construct(p, PRINCIPLE_LABELS[p], "principle", keys))
        codes = sorted({i.construct for i in self.items if i.construct is not None})
        for code in codes:
            keys = tuple(i.key for i in self.items if i.construct == code)
            label = self.construct_labels.get(code, code.replace("_", " ").capitalize())
            out.append(Construct(code, label, "construct", keys))
        layer_keys: list[str] = []
        for layer in LAYERS:
            keys = tuple(i.key for i in self.items if i.layer == layer)
            if keys:
                key = f"involvement_{layer}"
                label = f"Involvement: {LAYER_LABELS[layer]}"
                out.append(Construct(key, label, "layer_involvement", keys))
                layer_keys.append(key)
        if layer_keys:
            out.append(
                Construct(
                    INVOLVEMENT_INDEX,
                    "Overall involvement index",
                    "index",
                    (),
                    components=tuple(layer_keys),
                )
            )
        return tuple(out)

    def restricted_to(self, item_keys: Iterable[str]) -> InstrumentMeta:
        """A copy keeping only these items (and every non-item question)."""
        wanted = set(item_keys)
        return InstrumentMeta(
            items=tuple(i for i in self.items if i.key in wanted),
            dimensions=self.dimensions,
            choices=self.choices,
            free_text=self.free_text,
            numbers=self.numbers,
            construct_labels=self.construct_labels,
        )


def layer_dimension(
    layers: Iterable[str] = LAYERS, *, label: str = "Layer of the system"
) -> Dimension:
    """The multi-valued ``layer`` breakdown dimension for these layers."""
    options = tuple(Option(layer, LAYER_LABELS[layer]) for layer in layers)
    return Dimension("layer", label, options, multi_valued=True)


def layer_grid_items(
    question_key: str,
    label: str,
    layers: Iterable[str] = LAYERS,
    *,
    construct: str | None = None,
    principle: str | None = None,
    reverse: bool = False,
) -> tuple[Item, ...]:
    """Expand one layer-grid question into one :class:`Item` per layer."""
    return tuple(
        Item(
            key=f"{question_key}__{layer}",
            question_key=question_key,
            label=label,
            layer=layer,
            construct=construct,
            principle=principle,
            reverse=reverse,
        )
        for layer in layers
    )
