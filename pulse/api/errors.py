"""Clear JSON errors in NHS wording: every error has the same shape, `status`, `title` and
`detail` (and `errors` for bad input), and no error is ever a server page."""

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    401: "Unauthorised",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
}
HOW_TO_AUTHENTICATE = (
    "Send your API token in the header Authorization: Bearer <your token>. You can create a "
    "token on your account page."
)
NOT_FOUND = "Not found. Check the address: it may be mistyped, or the item may not exist."
TOO_MANY = "You have made too many requests with this token. Wait a minute, then try again."
SERVER = "Sorry, there is a problem with the service. Try again later."


class Error(Schema):
    status: int
    title: str
    detail: str


class FieldError(Schema):
    location: str
    message: str


class ValidationErrorOut(Error):
    errors: list[FieldError]


#: Every operation documents these errors (200 is added by each operation).
ERRORS: dict[int, Any] = {
    401: Error,
    403: Error,
    404: Error,
    422: ValidationErrorOut,
    429: Error,
}


def body(status: int, detail: str) -> dict[str, Any]:
    return {"status": status, "title": TITLES.get(status, "Error"), "detail": detail}


def _message(error: dict[str, Any]) -> FieldError:
    location = ".".join(str(part) for part in error.get("loc", ()))
    kind = str(error.get("type", ""))
    text = str(error.get("msg", "This value is not allowed"))
    if kind == "missing":
        text = "Enter a value"
    elif kind.startswith(("int_", "greater", "less")):
        text = f"Enter a whole number{_limits(error)}"
    elif kind in ("literal_error", "enum"):
        text = "Enter one of the values listed in the API's documentation"
    elif kind.startswith("string_pattern"):
        text = "Enter a value in the format the API's documentation gives"
    return FieldError(location=location, message=text)


def _limits(error: dict[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    if "ge" in ctx and "le" in ctx:
        return f" from {ctx['ge']} to {ctx['le']}"
    if "ge" in ctx:
        return f" of {ctx['ge']} or more"
    if "le" in ctx:
        return f" of {ctx['le']} or less"
    return ""


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's default error responses with the API's own."""

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = HOW_TO_AUTHENTICATE if str(exc) in ("", "Unauthorized") else str(exc)
        response = api.create_response(request, body(401, detail), status=401)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return api.create_response(request, body(429, TOO_MANY), status=429)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, body(exc.status_code, str(exc)), status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, body(404, NOT_FOUND), status=404)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [_message(e).dict() for e in exc.errors]
        detail = "The request has a problem: " + "; ".join(
            f"{e['location']}: {e['message']}" for e in errors
        )
        return api.create_response(request, {**body(422, detail), "errors": errors}, status=422)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request failed: %s", request.path)
        return api.create_response(request, body(500, SERVER), status=500)


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any address under /api/ that is not an operation."""
    return JsonResponse(body(404, NOT_FOUND), status=404)


def root_view(request: HttpRequest) -> JsonResponse:
    """/api/ itself: where the documentation is."""
    return JsonResponse(
        {
            "title": "Leadership Pulse API",
            "openapi": request.build_absolute_uri("openapi.json"),
            "detail": "Read-only. Send a personal API token from your account page in the "
            "header Authorization: Bearer <your token>.",
        }
    )
