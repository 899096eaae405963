"""ICS admin pages: pipeline stages and sign-in email domains."""

from typing import Any

from django.urls import reverse

from pulse.ideas.models import Stage, StageKind
from pulse.ideas.presenters.common import count_or_zero, plural
from pulse.organisations.models import ICS, AllowedEmailDomain
from pulse.organisations.presenters import action_links

KIND_SHORT = {
    StageKind.ACTIVE: "Still being considered",
    StageKind.IMPLEMENTED: "Put into practice (shown on \u201cYou said, we did\u201d)",
    StageKind.CLOSED: "Not taken forward",
}


def stage_items(ics: ICS, stages: list[Stage]) -> list[dict[str, Any]]:
    items = []
    for index, stage in enumerate(stages):
        kwargs = {"ics_code": ics.url_code, "stage_id": stage.pk}
        count = count_or_zero(stage, "idea_count")
        items.append(
            {
                "name": stage.name,
                "meaning": KIND_SHORT[StageKind(stage.kind)],
                "ideas": plural(count, "idea"),
                "first": index == 0,
                "last": index == len(stages) - 1,
                "edit_href": reverse("ideas:edit_stage", kwargs=kwargs),
                "move_href": reverse("ideas:move_stage", kwargs=kwargs),
                "remove_href": reverse("ideas:remove_stage", kwargs=kwargs) if not count else "",
            }
        )
    return items


def domain_rows(ics: ICS, domains: list[AllowedEmailDomain]) -> list[list[dict[str, str]]]:
    rows = []
    for allowed in domains:
        kwargs = {"ics_code": ics.url_code, "domain_id": allowed.pk}
        actions = action_links(
            (reverse("ideas:remove_domain", kwargs=kwargs), "Remove", allowed.domain)
        )
        rows.append([{"text": f"@{allowed.domain}"}, {"html": actions}])
    return rows
