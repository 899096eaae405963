"""Everything the England and region pages show, from one national publication and the
viewer's scope: the comparability statement, the filtered and sorted table of systems, England's
and the regions' figures, and a funnel plot."""

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.urls import reverse

from pulse.organisations.models import ICS, Region
from pulse.reports.national import table
from pulse.reports.national.forms import TableForm
from pulse.reports.national.scope import Scope
from pulse.reports.national.stored import NationalResults
from pulse.reports.presenters import national as present
from pulse.reports.presenters.labels import construct_short
from pulse.reports.presenters.national_funnel import national_funnel
from pulse.surveys.models import Wave

DEFAULT_SCORE = "involvement_index"


@dataclass
class NationalPage:
    results: NationalResults
    scope: Scope
    systems: dict[str, ICS]
    regions: list[Region]
    waves: list[Wave]

    @property
    def show_region_column(self) -> bool:
        return self.scope.region is None

    def _form(self, data: QueryDict, keys: list[str], funnel: list[tuple[str, str]]) -> TableForm:
        regions = None
        if self.scope.region is None and self.scope.listed is None:
            regions = [(r.code.lower(), r.name) for r in self.regions]
        return TableForm(
            data,
            regions=regions,
            sorts=present.sort_choices(keys, self.show_region_column),
            scores=funnel,
        )

    def _funnel_choices(self, keys: list[str]) -> list[tuple[str, str]]:
        england = table.england_row(self.results)
        return [(k, construct_short(k)) for k in keys if not england.scores[k].suppressed]

    def _region_filter(self, value: str) -> Region | None:
        return next((r for r in self.regions if r.code.lower() == value), None)

    def _highlight(self, chosen: Region | None) -> tuple[str, str] | None:
        region = self.scope.region or chosen
        return (region.code, region.name) if region else None

    def _params(
        self, form: TableForm, data: QueryDict, funnel: list[tuple[str, str]]
    ) -> tuple[dict[str, str], Region | None]:
        """The choices in force (defaults for anything missing or not allowed)."""
        chosen = self._region_filter(form.value("region", "")) if "region" in form.fields else None
        sort = form.value("sort", "name")
        codes = [code for code, _ in funnel]
        score = DEFAULT_SCORE if DEFAULT_SCORE in codes else (codes[0] if codes else "")
        benchmark = data.get("benchmark", "")
        return {
            "region": chosen.code.lower() if chosen else "",
            "view": form.value("view", "principles"),
            "sort": sort,
            "order": form.value("order", "asc" if sort in table.TEXT_SORTS else "desc"),
            "score": form.value("score", score),
            "benchmark": benchmark if benchmark.isdigit() else "",
        }, chosen

    def context(self, data: QueryDict, base: str) -> dict[str, Any]:
        keys = table.construct_keys(self.results)
        funnel_choices = self._funnel_choices(keys)
        form = self._form(data, keys, funnel_choices)
        params, chosen = self._params(form, data, funnel_choices)
        columns = [k for k in table.VIEWS[params["view"]] if k in keys]
        return {
            "form": form,
            "params": params,
            "status": 400 if form.errors else 200,
            **self._tables(params, columns, chosen, base),
            **self._funnel(params["score"], chosen),
            "comparability": present.comparability(self.results, self.waves, self.scope),
            "key_list": present.key_list(columns),
        }

    def _tables(
        self, params: dict[str, str], columns: list[str], chosen: Region | None, base: str
    ) -> dict[str, Any]:
        k = self.results.k
        rows = table.system_rows(
            self.results, self.scope, self.systems, region=chosen.code if chosen else None
        )
        rows = table.sort_rows(rows, params["sort"], params["order"] == "desc")
        names = {r.code: r.name for r in self.regions}
        areas = [
            table.england_row(self.results),
            *table.region_rows(self.results, self.scope, names),
        ]
        if chosen is not None:
            areas = [a for a in areas if a.code in ("england", chosen.code)]
        show_region = self.show_region_column
        return {
            "system_count": len(rows),
            "system_head": present.table_head(columns, params, base, show_region),
            "system_rows": present.table_rows(rows, columns, k, show_region),
            "area_head": present.area_head(columns),
            "area_rows": present.area_rows(areas, columns, k),
        }

    def _funnel(self, key: str, chosen: Region | None) -> dict[str, Any]:
        if not key:
            return {"chart": None}
        points = table.funnel_points(self.results, self.scope, self.systems, key)
        for point in points:
            point["region_name"] = self.systems[point["code"]].region.name if point["code"] else ""
        return {"chart": national_funnel(self.results, points, key, self._highlight(chosen))}


def downloads_url(scope: Scope, publication_id: int) -> str:
    if scope.region is None:
        return reverse("national:list_england_downloads", kwargs={"benchmark_id": publication_id})
    return reverse(
        "national:list_region_downloads",
        kwargs={"region_code": scope.region.code.lower(), "benchmark_id": publication_id},
    )
