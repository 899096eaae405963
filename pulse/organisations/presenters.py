from typing import Any

from django.urls import reverse
from django.utils.html import format_html_join

from pulse.organisations.models import ICS, Membership, PartnerOrganisation, Place, Region, Sector
from pulse.organisations.permissions import (
    Perm,
    has_england_perm,
    has_perm,
    region_ids_in_scope,
)

# (url name, label, permission needed to see the link)
ICS_SECTIONS = [
    ("organisations:show_ics", "Overview", Perm.VIEW_ICS),
    ("surveys:list_waves", "Surveys", Perm.MANAGE_WAVES),
    ("ideas:list_challenges", "Ideas", Perm.VIEW_IDEAS),
    ("reports:list_results", "Results", Perm.VIEW_RESULTS),
    ("assessments:list_rounds", "Self-assessment", Perm.VIEW_ASSESSMENTS),
    ("actions:list_actions", "Action plan", Perm.VIEW_ACTIONS),
    ("organisations:list_places", "Places", Perm.MANAGE_PLACES),
    ("organisations:list_partners", "Partner organisations", Perm.MANAGE_PARTNERS),
    ("organisations:list_members", "People", Perm.MANAGE_MEMBERS),
]


def ics_navigation(ics: ICS, user: Any, current: str) -> list[dict[str, Any]]:
    """Header navigation for pages inside one ICS, showing only what the user may use."""
    return [
        {
            "href": reverse(name, kwargs={"ics_code": ics.url_code}),
            "text": label,
            "current": name == current,
        }
        for name, label, perm in ICS_SECTIONS
        if has_perm(user, perm, ics=ics)
    ]


def analyst_navigation(user: Any, regions: list[Region], current: str) -> list[dict[str, Any]]:
    """Header navigation for analysts' pages: England (national analysts) and their regions.

    `regions` are every region; `current` is "england" or a region's code."""
    items: list[dict[str, Any]] = []
    if has_england_perm(user, Perm.VIEW_ENGLAND_RESULTS):
        items.append({"href": reverse("national:show_england"), "text": "England"})
    scope = region_ids_in_scope(user, Perm.VIEW_REGION_RESULTS)
    for region in regions:
        if scope is None or region.pk in scope:
            href = reverse("national:show_region", kwargs={"region_code": region.code.lower()})
            items.append({"href": href, "text": region.name, "code": region.code})
    for item in items:
        item["current"] = item.get("code", "england") == current
    return items if len(items) < 4 else items[:1] + [i for i in items[1:] if i["current"]]


def ics_links(ics: ICS, user: Any) -> list[dict[str, str]]:
    return [item for item in ics_navigation(ics, user, "") if item["text"] != "Overview"]


def action_links(*links: tuple[str, str, str]) -> str:
    """Escaped "Change" / "Remove" links for a table row; `hidden` names the row for screen readers."""
    return format_html_join(
        " ",
        '<a class="nhsuk-link app-action-link" href="{}">{}<span class="nhsuk-u-visually-hidden"> {}</span></a>',
        links,
    )


def place_rows(ics: ICS, places: list[Place]) -> list[list[dict[str, str]]]:
    rows = []
    for place in places:
        kwargs = {"ics_code": ics.url_code, "place_id": place.pk}
        actions = action_links(
            (reverse("organisations:edit_place", kwargs=kwargs), "Change", place.name),
            (reverse("organisations:remove_place", kwargs=kwargs), "Remove", place.name),
        )
        rows.append([{"text": place.name}, {"text": place.code}, {"html": actions}])
    return rows


def partner_rows(ics: ICS, partners: list[PartnerOrganisation]) -> list[list[dict[str, str]]]:
    sectors = dict(Sector.choices)
    rows = []
    for partner in partners:
        kwargs = {"ics_code": ics.url_code, "partner_id": partner.pk}
        actions = action_links(
            (reverse("organisations:edit_partner", kwargs=kwargs), "Change", partner.name),
            (reverse("organisations:remove_partner", kwargs=kwargs), "Remove", partner.name),
        )
        sector = sectors.get(partner.sector, partner.sector)
        rows.append(
            [
                {"text": partner.name},
                {"text": sector},
                {"text": partner.ods_code or "–"},
                {"html": actions},
            ]
        )
    return rows


def member_rows(ics: ICS, memberships: list[Membership]) -> list[list[dict[str, str]]]:
    rows = []
    for m in memberships:
        kwargs = {"ics_code": ics.url_code, "membership_id": m.pk}
        actions = action_links(
            (
                reverse("organisations:remove_member", kwargs=kwargs),
                "Remove",
                f"{m.user.email} as {m.get_role_display()}",
            )
        )
        rows.append(
            [
                {"text": m.user.full_name or "–"},
                {"text": m.user.email},
                {"text": m.get_role_display()},
                {"html": actions},
            ]
        )
    return rows
