"""A system's published surveys and their disclosure-controlled results: the same tables as the
Excel data pack, read from the stored publication. Drafts, open and closed surveys are never
listed, and nothing about fieldwork is returned."""

from typing import Literal

from django.http import HttpRequest
from ninja import Path, Router
from ninja.errors import HttpError

from pulse.api import access, presenters
from pulse.api.auth import caller
from pulse.api.errors import ERRORS
from pulse.api.pagination import PAGE, PageQuery, paginate
from pulse.api.results import NAMES, results_table
from pulse.api.routers.systems import ICS_CODE
from pulse.api.schemas import ResultsTable, Wave, WavePage
from pulse.organisations.permissions import Perm
from pulse.reports import selectors

router = Router(tags=["Results"])
WAVE_ID = Path(..., ge=1, le=2_147_483_647, description="The survey's ID", examples=[2])
TableName = Literal[NAMES]  # type: ignore[valid-type]
TABLE = Path(..., description="The table's name", examples=["construct_scores"])
NOT_PUBLISHED = "There is no published survey with this ID in this system."


def _wave(request: HttpRequest, ics_code: str, wave_id: int) -> object:
    ics = access.system_for(caller(request), ics_code, Perm.VIEW_RESULTS)
    wave = selectors.published_waves_for_ics(ics=ics).filter(pk=wave_id).first()
    if wave is None:
        raise HttpError(404, NOT_PUBLISHED)
    return wave


@router.get(
    "/systems/{ics_code}/waves",
    response={200: WavePage, **ERRORS},
    summary="List a system's published surveys",
    description="Published surveys (waves) of a system whose results your roles let you read, "
    "latest first. 403 for any other system.",
    operation_id="list_waves",
)
def list_waves(
    request: HttpRequest, ics_code: str = ICS_CODE, query: PageQuery = PAGE
) -> dict[str, object]:
    ics = access.system_for(caller(request), ics_code, Perm.VIEW_RESULTS)
    page = paginate(selectors.published_waves_for_ics(ics=ics), query)
    page["items"] = [presenters.wave_summary(w) for w in page["items"]]
    return page


@router.get(
    "/systems/{ics_code}/waves/{wave_id}",
    response={200: Wave, **ERRORS},
    summary="One published survey and its results tables",
    description="A published survey, its number of responses (null when fewer than k), its "
    "breakdown list and links to its results tables.",
    operation_id="get_wave",
)
def get_wave(
    request: HttpRequest, ics_code: str = ICS_CODE, wave_id: int = WAVE_ID
) -> dict[str, object]:
    wave = _wave(request, ics_code, wave_id)
    return presenters.wave_detail(wave, selectors.results_for_wave(wave=wave))  # type: ignore[arg-type]


@router.get(
    "/systems/{ics_code}/waves/{wave_id}/results/{table}",
    response={200: ResultsTable, **ERRORS},
    summary="One results table of a published survey",
    description="A table of the Excel data pack, page by page. Each row describes a group, "
    "never a person. A hidden row has `suppressed: true`, its `reason` (such as below_k, "
    "complementary or differencing) and every number null; no row describes fewer than k "
    "(10) respondents.",
    operation_id="get_results_table",
    url_name="results_table",
)
def get_results_table(
    request: HttpRequest,
    ics_code: str = ICS_CODE,
    wave_id: int = WAVE_ID,
    table: TableName = TABLE,
    query: PageQuery = PAGE,
) -> dict[str, object]:
    wave = _wave(request, ics_code, wave_id)
    results = selectors.results_for_wave(wave=wave)  # type: ignore[arg-type]
    if results is None:
        raise HttpError(404, "The results of this survey are being prepared. Try again later.")
    built = results_table(results, str(table))
    return paginate(
        built.rows,
        query,
        system=wave.ics.ods_code,  # type: ignore[attr-defined]
        wave_id=wave_id,
        name=built.name,
        title=built.title,
        description=built.description,
        k=results.k,
        columns=built.columns,
    )
