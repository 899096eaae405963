"""Render a Vega-Lite spec to an SVG that can sit inline under a strict CSP.

vl-convert's SVG uses presentation attributes (no `style`), bundles Vega and fetches nothing.
Its own ARIA roles and labels describe marks one by one; the figure is described by its caption,
summary and table instead, so they are removed and the root is made `role="img"` labelled by the
caption. Element ids are prefixed with the chart's id so that several charts fit on one page.
Rendered SVGs are cached by the hash of their spec: published results never change.
"""

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache as once
from pathlib import Path
from typing import Any

import vl_convert
from django.core.cache import cache
from markupsafe import Markup

#: Liberation Sans has Arial's metrics: vl-convert measures labels with it (no download).
FONT_DIRECTORY = Path("/usr/share/fonts/truetype/liberation")

PLACEHOLDER = "__chart__"
CACHE_SECONDS = 60 * 60 * 24
_INNER_ATTRS = re.compile(r'\s(?:role|aria-[a-z]+|class|pointer-events)="[^"]*"')
_IDS = re.compile(r'\bid="([^"]+)"')
_ROOT = re.compile(r"<svg\b([^>]*)>")


@dataclass(frozen=True)
class Chart:
    """A chart as the pages and the PDF show it."""

    id: str
    caption: str
    summary: str
    svg: Markup
    head: list[dict[str, Any]]
    rows: list[list[dict[str, Any]]]
    notes: list[str] = field(default_factory=list)

    @property
    def data_uri(self) -> str:
        """The SVG as a data: URI, for an <img> in the PDF (which then carries alt text)."""
        return "data:image/svg+xml;base64," + base64.b64encode(str(self.svg).encode()).decode()

    @property
    def table_caption(self) -> str:
        return f"Data for the chart: {self.caption[0].lower()}{self.caption[1:]}"


@once
def _register_fonts() -> None:
    if FONT_DIRECTORY.is_dir():
        vl_convert.register_font_directory(str(FONT_DIRECTORY))


def _clean(svg: str) -> str:
    svg = _INNER_ATTRS.sub("", svg)
    for old in set(_IDS.findall(svg)):
        new = f"{PLACEHOLDER}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    match = _ROOT.search(svg)
    if match is None:
        raise ValueError("vl-convert returned no <svg> element")
    root = match.group(1).replace(' class="marks"', "")
    attrs = (
        f'{root} class="app-chart__svg" role="img" focusable="false" '
        f'aria-labelledby="{PLACEHOLDER}-caption" aria-describedby="{PLACEHOLDER}-summary"'
    )
    return svg[: match.start()] + f"<svg{attrs}>" + svg[match.end() :]


#: Change when the specs change, so cached SVGs are drawn again.
SPEC_VERSION = 2


def render_svg(kind: str, arguments: dict[str, Any]) -> str:
    """The cleaned SVG (with the id placeholder) of `specs.SPECS[kind](**arguments)`, cached by
    the hash of its arguments: the spec is only built when it is not cached."""
    payload = json.dumps([SPEC_VERSION, kind, arguments], sort_keys=True, default=str)
    key = f"reports:svg:{hashlib.sha256(payload.encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        from pulse.reports.charts.specs import SPECS

        _register_fonts()

        svg = _clean(vl_convert.vegalite_to_svg(SPECS[kind](**arguments)))
        cache.set(key, svg, CACHE_SECONDS)
    return str(svg)


def chart(
    chart_id: str,
    *,
    caption: str,
    summary: str,
    kind: str | None,
    arguments: dict[str, Any] | None = None,
    head: list[dict[str, Any]],
    rows: list[list[dict[str, Any]]],
    notes: list[str] | None = None,
) -> Chart:
    """A chart with its caption, summary and table. `kind` None: nothing can be plotted (every
    value is hidden), so the figure has only its summary and table."""
    svg = ""
    if kind is not None:
        svg = render_svg(kind, arguments or {}).replace(PLACEHOLDER, chart_id)
    return Chart(chart_id, caption, summary, Markup(svg), head, rows, notes or [])  # noqa: S704 - vl-convert's SVG, cleaned above
