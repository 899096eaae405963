"""A panel member never sees anyone else's ratings, or any aggregate of them, until they have
submitted their own and the rating stage has closed (ADR 13): not on any page, by any URL, nor
in an export."""

import pytest
from django.test import Client
from django.urls import reverse

from pulse.assessments import selectors
from pulse.assessments.models import Round
from pulse.assessments.services import rounds
from pulse.assessments.services.files import round_file_request
from pulse.assessments.tests.factories import agree_all, indicators, open_round, rate_all
from pulse.core.tests.html import text
from pulse.organisations.models import Membership, Role
from pulse.organisations.tests.factories import ics, member

pytestmark = pytest.mark.django_db
SECRET = "B thinks the forum is a talking shop"


def url(name: str, round: Round, **kwargs: object) -> str:
    return reverse(
        f"assessments:{name}", kwargs={"ics_code": "qyg", "round_id": round.pk, **kwargs}
    )


def as_user(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def panel() -> dict[str, object]:
    admin = member(Role.ICS_ADMIN, "QYG")
    a, b, c = (member(Role.PANEL_MEMBER, "QYG") for _ in range(3))
    round = open_round(panel=[a, b, c], admin=admin)
    rate_all(round, a, default=4, evidence="A has the minutes")
    rate_all(round, b, default=1, evidence=SECRET, submit=False)
    return {"round": round, "admin": admin, "a": a, "b": b, "c": c}


def every_url(round: Round) -> list[str]:
    first = indicators()[0]
    return [
        url("show_round", round),
        url("show_my_ratings", round),
        url("rate_gateway", round),
        url("rate_principle", round, code="P1"),
        url("submit_ratings", round),
        url("show_consensus", round),
        url("agree_indicator", round, key=first.key),
        url("agree_gateway", round, key="ce1_framework_and_plan"),
        url("show_results", round),
        url("list_downloads", round),
        url("download_report", round, file_format="xlsx"),
        url("download_report", round, file_format="pdf"),
        url("close_rating", round),
        url("complete_round", round),
        url("edit_round", round),
        url("add_panel_member", round),
    ]


def test_a_member_who_submitted_sees_nothing_of_the_others_while_rating_is_open(panel) -> None:
    round, client = panel["round"], as_user(panel["a"])
    for address in every_url(round):
        response = client.get(address)
        assert SECRET not in response.content.decode(), address
        assert response.status_code in {200, 302, 403, 404}, address
    consensus = client.get(url("show_consensus", round))
    assert consensus.status_code == 403
    assert "The panel's ratings are hidden" in text(consensus)
    assert "Emerging" not in text(consensus)
    with pytest.raises(selectors.RatingsHidden):
        selectors.panel_ratings(round=round, user=panel["a"])


def test_own_ratings_are_the_only_ones_a_member_reads(panel) -> None:
    round = panel["round"]
    page = as_user(panel["a"]).get(url("show_my_ratings", round))
    assert "A has the minutes" not in text(page)  # evidence is summarised, not quoted
    assert "Thriving" in text(page) and "Emerging" not in text(page)
    b_page = as_user(panel["b"]).get(url("rate_principle", round, code="P1"))
    assert SECRET in b_page.content.decode()  # B still sees and can change their own draft
    assert "A has the minutes" not in b_page.content.decode()


def test_the_facilitator_sees_no_ratings_until_the_rating_stage_closes(panel) -> None:
    round, admin = panel["round"], as_user(panel["admin"])
    assert admin.get(url("show_consensus", round)).status_code == 403
    show = admin.get(url("show_round", round))
    assert show.status_code == 200
    assert SECRET not in show.content.decode() and "Thriving" not in text(show)
    assert admin.get(url("agree_indicator", round, key=indicators()[0].key)).status_code == 404


def test_after_closing_only_members_who_submitted_see_the_spread(panel) -> None:
    round = rounds.round_close_rating(round=panel["round"], by=panel["admin"])
    seen = as_user(panel["a"]).get(url("show_consensus", round))
    assert seen.status_code == 200
    # Only A submitted: one rating per indicator, all at Thriving; B's draft is not counted
    assert "ratings of the 1 person who submitted" in text(seen)
    assert SECRET not in seen.content.decode()
    for late in (panel["b"], panel["c"]):
        refused = as_user(late).get(url("show_consensus", round))
        assert refused.status_code == 403
        assert "did not submit your ratings" in text(refused)
        with pytest.raises(selectors.RatingsHidden):
            selectors.panel_ratings(round=round, user=late)
    assert selectors.panel_ratings(round=round, user=panel["admin"]).submitted == 1


def test_an_admin_on_the_panel_who_did_not_submit_cannot_facilitate(panel) -> None:
    admin = panel["admin"]
    rounds.panel_member_add(round=panel["round"], user=admin, by=admin)
    round = rounds.round_close_rating(round=panel["round"], by=admin)
    response = as_user(admin).get(url("agree_indicator", round, key=indicators()[0].key))
    assert response.status_code == 403
    assert "Another ICS admin can facilitate" in text(response)


def test_the_data_pack_with_the_spread_is_refused_to_a_member_who_did_not_submit(
    panel, django_capture_on_commit_callbacks
) -> None:
    round, admin = panel["round"], panel["admin"]
    rounds.round_close_rating(round=round, by=admin)
    round.refresh_from_db()
    agree_all(round, admin)
    rounds.round_complete(round=round, by=admin)
    round.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        round_file_request(round=round, file_format="xlsx", by=admin)
    b = panel["b"]
    Membership.objects.create(user=b, role=Role.ICS_VIEWER, ics=ics("QYG"))
    client = as_user(b)
    assert client.get(url("show_results", round)).status_code == 200
    downloads = client.get(url("list_downloads", round))
    assert "Excel data pack" not in text(downloads)
    assert client.get(url("download_report", round, file_format="xlsx")).status_code == 403
    assert client.post(url("list_downloads", round), {"format": "xlsx"}).status_code == 403
    viewer = as_user(member(Role.ICS_VIEWER, "QYG"))
    download = viewer.get(url("download_report", round, file_format="xlsx"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
