"""You and the systems your roles cover."""

from django.http import HttpRequest
from ninja import Path, Router

from pulse.api import access, presenters, selectors
from pulse.api.auth import caller
from pulse.api.errors import ERRORS
from pulse.api.pagination import PAGE, PageQuery, paginate
from pulse.api.schemas import Me, System, SystemPage
from pulse.organisations.selectors import memberships_for_user

router = Router(tags=["Systems"])
ICS_CODE = Path(
    ...,
    pattern=r"^[A-Za-z0-9]{3}$",
    description="The integrated care board's ODS code, such as QYG",
    examples=["QYG"],
)


@router.get(
    "/me",
    response={200: Me, **ERRORS},
    summary="Who the token acts for",
    description="The token's owner and their roles. Every other operation returns only what "
    "these roles allow.",
    operation_id="get_me",
)
def get_me(request: HttpRequest) -> dict[str, object]:
    user, token = caller(request), request.auth  # type: ignore[attr-defined]
    return {
        "email": user.email,
        "name": user.full_name,
        "roles": [presenters.role(m) for m in memberships_for_user(user=user)],
        "token_name": token.name,
        "token_expires_on": token.expires_on,
    }


@router.get(
    "/systems",
    response={200: SystemPage, **ERRORS},
    summary="List the systems you can see",
    description="Integrated care systems your roles cover: your own system, your region's "
    "(regional analysts) or all 42 (national analysts), by name.",
    operation_id="list_systems",
)
def list_systems(request: HttpRequest, query: PageQuery = PAGE) -> dict[str, object]:
    systems = selectors.systems_in_scope(user=caller(request))
    return paginate([presenters.system(s) for s in systems], query)


@router.get(
    "/systems/{ics_code}",
    response={200: System, **ERRORS},
    summary="One system",
    description="A system's codes, names and region. 403 if your roles do not cover it.",
    operation_id="get_system",
)
def get_system(request: HttpRequest, ics_code: str = ICS_CODE) -> dict[str, object]:
    return presenters.system(access.system_for(caller(request), ics_code))
