"""Another ICS's people reach nothing of this ICS's self-assessment or action plan, by any
URL, whatever their role there; and roles here decide who does what."""

import pytest
from django.test import Client
from django.urls import reverse

from pulse.actions.tests.factories import add_action
from pulse.assessments.models import Round
from pulse.assessments.tests.factories import completed_round, indicators, open_round
from pulse.organisations.models import ICS, Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db


def round_urls(round: Round) -> list[str]:
    def u(name: str, **kwargs: object) -> str:
        return reverse(
            f"assessments:{name}", kwargs={"ics_code": "qyg", "round_id": round.pk, **kwargs}
        )

    key = indicators()[0].key
    return [
        u("show_round"),
        u("edit_round"),
        u("add_panel_member"),
        u("close_rating"),
        u("complete_round"),
        u("show_my_ratings"),
        u("rate_gateway"),
        u("rate_principle", code="P1"),
        u("submit_ratings"),
        u("show_consensus"),
        u("agree_indicator", key=key),
        u("agree_gateway", key="ce1_framework_and_plan"),
        u("show_results"),
        u("list_downloads"),
        u("download_report", file_format="pdf"),
        u("download_report", file_format="xlsx"),
    ]


def every_url() -> list[str]:
    done = completed_round(title="Last year's round")
    running = open_round(panel=[member(Role.PANEL_MEMBER, "QYG")])
    Round.objects.filter(pk=running.pk).update(status="consensus")
    action = add_action()
    plan = [
        reverse(f"actions:{name}", kwargs={"ics_code": "qyg", **kw})
        for name, kw in [
            ("list_actions", {}),
            ("add_action", {}),
            ("show_action", {"action_id": action.pk}),
            ("edit_action", {"action_id": action.pk}),
            ("add_note", {"action_id": action.pk}),
            ("list_downloads", {}),
            ("download_plan", {}),
        ]
    ]
    return [
        reverse("assessments:list_rounds", kwargs={"ics_code": "qyg"}),
        reverse("assessments:open_round", kwargs={"ics_code": "qyg"}),
        *round_urls(running),
        *round_urls(done),
        *plan,
    ]


@pytest.mark.parametrize(
    "role", [Role.ICS_ADMIN, Role.ICS_VIEWER, Role.PANEL_MEMBER, Role.IDEA_MODERATOR, Role.STAFF]
)
def test_people_of_another_ics_reach_nothing_by_any_url(role: Role) -> None:
    other = ICS.objects.exclude(ods_code="QYG").order_by("ods_code").first()
    outsider = member(role, other.ods_code)
    client = Client()
    client.force_login(outsider)
    for address in every_url():
        # 405 for a method the page never takes (checked before anything else); 403 otherwise
        codes = {client.get(address).status_code, client.post(address).status_code}
        assert codes in ({403}, {403, 405}), (address, codes)


def test_signed_out_people_are_sent_to_sign_in() -> None:
    for address in every_url():
        response = (
            Client().post(address) if address.endswith("/notes/add/") else Client().get(address)
        )
        assert response.status_code == 302 and "/sign-in/" in response["Location"], address


def test_staff_and_moderators_of_the_ics_reach_nothing_either() -> None:
    addresses = every_url()
    for role in (Role.STAFF, Role.IDEA_MODERATOR):
        client = Client()
        client.force_login(member(role, "QYG"))
        for address in addresses:
            assert client.get(address).status_code in {403, 405}, (role, address)


def test_a_panel_member_of_this_ics_reaches_only_rounds_they_are_on() -> None:
    stranger = member(Role.PANEL_MEMBER, "QYG")
    round = open_round(panel=[member(Role.PANEL_MEMBER, "QYG")])
    client = Client()
    client.force_login(stranger)
    for name in ("show_my_ratings", "rate_gateway", "submit_ratings"):
        address = reverse(f"assessments:{name}", kwargs={"ics_code": "qyg", "round_id": round.pk})
        assert client.get(address).status_code == 404
    consensus = reverse(
        "assessments:show_consensus", kwargs={"ics_code": "qyg", "round_id": round.pk}
    )
    assert client.get(consensus).status_code == 404
    listing = client.get(reverse("assessments:list_rounds", kwargs={"ics_code": "qyg"}))
    assert round.title not in listing.content.decode()
