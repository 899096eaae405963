"""Questionnaires: their versions, question keys and the constructs they score."""

from django.http import HttpRequest
from ninja import Path, Router
from ninja.errors import HttpError

from pulse.api import presenters, selectors
from pulse.api.auth import caller
from pulse.api.errors import ERRORS
from pulse.api.pagination import PAGE, PageQuery, paginate
from pulse.api.schemas import Instrument, InstrumentPage, InstrumentVersion

router = Router(tags=["Questionnaires"])
ID = Path(..., ge=1, le=2_147_483_647, description="The questionnaire's ID", examples=[1])
VERSION = Path(..., ge=1, le=10_000, description="The version number", examples=[1])
NOT_FOUND = "There is no questionnaire with this ID that you can see."


@router.get(
    "/instruments",
    response={200: InstrumentPage, **ERRORS},
    summary="List questionnaires",
    description="The standard questionnaires, and those of the systems your roles cover, "
    "with their versions.",
    operation_id="list_instruments",
)
def list_instruments(request: HttpRequest, query: PageQuery = PAGE) -> dict[str, object]:
    instruments = selectors.instruments_in_scope(user=caller(request))
    page = paginate(instruments, query)
    page["items"] = [presenters.instrument(i) for i in page["items"]]
    return page


@router.get(
    "/instruments/{instrument_id}",
    response={200: Instrument, **ERRORS},
    summary="One questionnaire",
    description="A questionnaire and its versions.",
    operation_id="get_instrument",
)
def get_instrument(request: HttpRequest, instrument_id: int = ID) -> dict[str, object]:
    found = selectors.instrument_in_scope(user=caller(request), instrument_id=instrument_id)
    if found is None:
        raise HttpError(404, NOT_FOUND)
    return presenters.instrument(found)


@router.get(
    "/instruments/{instrument_id}/versions/{version}",
    response={200: InstrumentVersion, **ERRORS},
    summary="One version's questions and constructs",
    description="Every question of a version with its key, type, options and the columns its "
    "answers fill (answer keys), and every construct (principle, scale, layer involvement and "
    "the involvement index) with the answer keys it scores.",
    operation_id="get_instrument_version",
    by_alias=True,
)
def get_instrument_version(
    request: HttpRequest, instrument_id: int = ID, version: int = VERSION
) -> dict[str, object]:
    found = selectors.version_in_scope(
        user=caller(request), instrument_id=instrument_id, version=version
    )
    if found is None:
        raise HttpError(404, "There is no such version of a questionnaire you can see.")
    return presenters.instrument_version(found)
