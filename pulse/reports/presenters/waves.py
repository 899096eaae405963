"""The list of a system's published surveys."""

from typing import Any

from django.urls import reverse
from django.utils.html import format_html

from pulse.core.formatting import nhs_date
from pulse.organisations.models import ICS
from pulse.organisations.permissions import Perm, has_perm
from pulse.surveys.models import Wave


def wave_rows(ics: ICS, waves: list[Wave]) -> list[list[dict[str, Any]]]:
    rows = []
    for wave in waves:
        href = reverse(
            "reports:show_results", kwargs={"ics_code": ics.url_code, "wave_id": wave.pk}
        )
        ready = hasattr(wave, "publication")
        rows.append(
            [
                {"html": format_html('<a class="nhsuk-link" href="{}">{}</a>', href, wave.title)},
                {"text": str(wave.version)},
                {"text": f"{nhs_date(wave.opens_on)} to {nhs_date(wave.closes_on)}"},
                {"text": nhs_date(wave.published_at) if ready else "Being prepared"},
            ]
        )
    return rows


def benchmark_consent(user: Any, ics: ICS) -> dict[str, str] | None:
    """For ICS admins: whether other systems see this system's name, and where to change it."""
    if not has_perm(user, Perm.MANAGE_BENCHMARK_CONSENT, ics=ics):
        return None
    state = "named" if ics.benchmark_named else "counted in England's figures without its name"
    return {
        "text": f"In other systems' benchmarks, your system is {state}.",
        "href": reverse("reports:edit_benchmark_consent", kwargs={"ics_code": ics.url_code}),
    }
