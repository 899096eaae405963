from django.core.paginator import Page, Paginator

from pulse.core.models import AuditEntry


def audit_entries(
    *, ics_code: str = "", action: str = "", page: int = 1, per_page: int = 50
) -> Page:
    entries = AuditEntry.objects.select_related("actor")
    if ics_code:
        entries = entries.for_ics(ics_code)
    if action:
        entries = entries.filter(action=action)
    return Paginator(entries, per_page).get_page(page)


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())
