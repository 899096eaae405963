"""The national table for analysts: every system's latest comparable published survey,
compared with England, from the stored national publication. National analysts see every
system; regional analysts their region's systems (by name) and England's figures."""

from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError

from pulse.api import access, presenters
from pulse.api.auth import caller
from pulse.api.errors import ERRORS
from pulse.api.pagination import PAGE, PageQuery, paginate
from pulse.api.schemas import AreaList, BenchmarkDetail, BenchmarkPage, BenchmarkSystemPage
from pulse.reports.national import selectors, table
from pulse.reports.national.scope import Scope, analyst_scope
from pulse.reports.national.stored import NationalResults

router = Router(tags=["Benchmarks"])
BENCHMARK_ID = Path(..., ge=1, le=2_147_483_647, description="The benchmark's ID", examples=[1])
REGION = Query(
    None, pattern=r"^[A-Za-z][0-9]{2}$", description="Only this region's systems (its ODS code)"
)


def _summary(results: NationalResults) -> dict[str, object]:
    publication = results.publication
    version = publication.version
    return {
        "id": publication.pk,
        "instrument_id": version.instrument_id,
        "instrument_key": version.instrument.key,
        "instrument_title": version.instrument.title,
        "instrument_version": version.version,
        "closes_from": publication.closes_from,
        "closes_to": publication.closes_to,
        "systems": publication.waves.count(),
        "k": publication.k,
        "computed_at": publication.computed_at,
    }


def _scope(request: HttpRequest, benchmark_id: int) -> tuple[NationalResults, Scope]:
    user = caller(request)
    access.analyst_regions(user)
    results = selectors.national_results(publication_id=benchmark_id)
    if results is None:
        raise HttpError(404, "There is no benchmark with this ID.")
    return results, analyst_scope(user, selectors.systems_by_code().values(), region=None)


@router.get(
    "/benchmarks",
    response={200: BenchmarkPage, **ERRORS},
    summary="List national benchmarks",
    description="One benchmark per standard questionnaire version: each system's latest "
    "published survey of that version that closed in the year up to the latest one. Analysts "
    "only (403 for other roles).",
    operation_id="list_benchmarks",
)
def list_benchmarks(request: HttpRequest, query: PageQuery = PAGE) -> dict[str, object]:
    access.analyst_regions(caller(request))
    page = paginate(selectors.national_publications(), query)
    page["items"] = [_summary(NationalResults(p)) for p in page["items"]]
    return page


@router.get(
    "/benchmarks/{benchmark_id}",
    response={200: BenchmarkDetail, **ERRORS},
    summary="One benchmark and the surveys it compares",
    description="Which questionnaire version and which surveys are compared. Systems you may "
    "not name are only counted.",
    operation_id="get_benchmark",
)
def get_benchmark(request: HttpRequest, benchmark_id: int = BENCHMARK_ID) -> dict[str, object]:
    results, scope = _scope(request, benchmark_id)
    waves = selectors.compared_waves(publication=results.publication)
    named = [w for w in waves if scope.names(w.ics.ods_code)]
    compared = [
        {
            "system": w.ics.ods_code,
            "system_name": w.ics.short_name,
            "region": w.ics.region.code,
            "wave_id": w.pk,
            "title": w.title,
            "opens_on": w.opens_on,
            "closes_on": w.closes_on,
        }
        for w in named
    ]
    return {**_summary(results), "compared": compared, "unnamed_systems": len(waves) - len(named)}


@router.get(
    "/benchmarks/{benchmark_id}/systems",
    response={200: BenchmarkSystemPage, **ERRORS},
    summary="The national table: each system's scores",
    description="Each system your role covers, with its responses and, for every scale, its "
    "score, % positive, quartile band, position on the funnel plot and change since its "
    "previous survey. Hidden figures are null with `suppressed: true` and a `reason`.",
    operation_id="list_benchmark_systems",
)
def list_benchmark_systems(
    request: HttpRequest,
    benchmark_id: int = BENCHMARK_ID,
    region: str | None = REGION,
    query: PageQuery = PAGE,
) -> dict[str, object]:
    results, scope = _scope(request, benchmark_id)
    if region is not None and not scope.shows_region(region.upper()):
        raise HttpError(403, "You do not have permission to see this region's systems.")
    systems = selectors.systems_by_code()
    rows = table.system_rows(results, scope, systems, region=region.upper() if region else None)
    keys = table.construct_keys(results)
    items = [presenters.benchmark_system(row, keys) for row in rows]
    return paginate(items, query, benchmark_id=benchmark_id)


@router.get(
    "/benchmarks/{benchmark_id}/areas",
    response={200: AreaList, **ERRORS},
    summary="England's and the regions' figures",
    description="England's figures for every scale, and each region's your role covers "
    "(pooled from its systems' published figures).",
    operation_id="list_benchmark_areas",
)
def list_benchmark_areas(
    request: HttpRequest, benchmark_id: int = BENCHMARK_ID
) -> dict[str, object]:
    results, scope = _scope(request, benchmark_id)
    names = {r.code: r.name for r in selectors.all_regions()}
    areas = [table.england_row(results), *table.region_rows(results, scope, names)]
    keys = table.construct_keys(results)
    return {"benchmark_id": benchmark_id, "items": [presenters.area(a, keys) for a in areas]}
