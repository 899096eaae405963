from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pulse.core import presenters, selectors
from pulse.organisations.access import platform_admin_required

ERRORS = {
    400: (
        "Sorry, there is a problem with your request",
        ["Check the address or the information you sent and try again."],
    ),
    403: (
        "You do not have permission to see this page",
        [
            "Your account does not have the role needed for this page, or the page belongs to another integrated care system.",
            "If you think you should have access, contact your ICS's clinical and care professional leadership lead.",
        ],
    ),
    404: (
        "Page not found",
        [
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ],
    ),
    500: (
        "Sorry, there is a problem with the service",
        [
            "Try again later.",
            "If you were answering a survey, your saved answers have not been lost.",
        ],
    ),
}


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "core/start.jinja")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.jinja")


@require_GET
@platform_admin_required
def audit_log(request: HttpRequest) -> HttpResponse:
    page = selectors.audit_entries(
        ics_code=request.GET.get("ics", "")[:10],
        action=request.GET.get("action", "")[:80],
        page=presenters.page_number(request.GET.get("page")),
    )
    context = presenters.AuditLogPresenter(page, request.GET, selectors.audit_actions())
    return render(request, "core/audit_log.jinja", {"log": context})


def _error(request: HttpRequest, status: int, *, minimal: bool = False) -> HttpResponse:
    title, paragraphs = ERRORS[status]
    context = {"page_title": title, "paragraphs": paragraphs, "minimal_chrome": minimal}
    return render(request, "core/error.jinja", context, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Minimal chrome: the header must not touch the database or session, which may be the fault.
    return _error(request, 500, minimal=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    context = {
        "page_title": "Your session has expired",
        "paragraphs": [
            "For your security, forms expire if the page was open for a long time or cookies are blocked.",
            "Go back, refresh the page and try again. Anything you had already saved has been kept.",
        ],
    }
    return render(request, "core/error.jinja", context, status=403)
