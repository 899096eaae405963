"""The consensus: the spread and disagreement flag per indicator, and agreed levels that need
a rationale, and evidence for Maturing or Thriving (or a gateway yes or partly)."""

import pytest
from django.test import Client
from django.urls import reverse

from pulse.assessments.models import GatewayConsensus, IndicatorConsensus, Round
from pulse.assessments.services import rounds
from pulse.assessments.tests.factories import indicators, open_round, rate_all
from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, soup, text
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member

pytestmark = pytest.mark.django_db
FIRST = "p1_professions_in_decisions"  # P1.1
SECOND = "p1_every_layer"  # P1.2


def url(name: str, round: Round, **kwargs: object) -> str:
    return reverse(
        f"assessments:{name}", kwargs={"ics_code": "qyg", "round_id": round.pk, **kwargs}
    )


@pytest.fixture
def admin() -> object:
    return member(Role.ICS_ADMIN, "QYG")


@pytest.fixture
def round(admin: object) -> Round:
    """Three raters: on P1.1 Emerging, Developing and Maturing (a range of 2: disagreement);
    on P1.2 Developing, Developing and Maturing (a range of 1: no disagreement)."""
    raters = [member(Role.PANEL_MEMBER, "QYG") for _ in range(3)]
    round = open_round(panel=raters, admin=admin)
    for rater, first, second in zip(raters, (1, 2, 3), (2, 2, 3), strict=True):
        rate_all(round, rater, {FIRST: first, SECOND: second}, evidence=f"note {first}")
    return rounds.round_close_rating(round=round, by=admin)


@pytest.fixture
def client(admin: object) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def row_of(page: object, number: str) -> list[str]:
    for row in soup(page).select("tbody tr"):
        cells = [" ".join(c.get_text(" ").split()) for c in row.select("th, td")]
        if cells and cells[0].startswith(number + " "):
            return cells
    raise AssertionError(f"no row for {number}")


def test_the_spread_counts_each_level_and_flags_a_range_of_two_levels(
    client: Client, round: Round
) -> None:
    page = client.get(url("show_consensus", round))
    assert page.status_code == 200
    assert row_of(page, "P1.1")[1:5] == ["1", "1", "1", "0"]
    assert "Disagreement" in row_of(page, "P1.1")[5]
    assert "Highest and lowest 2 levels apart" in row_of(page, "P1.1")[5]
    assert row_of(page, "P1.2")[1:5] == ["0", "2", "1", "0"]
    assert "Disagreement" not in row_of(page, "P1.2")[5]
    assert row_of(page, "P1.3")[5] == "Everyone agreed"


def test_the_facilitator_sees_the_panels_evidence_without_names(
    client: Client, round: Round
) -> None:
    page = client.get(url("agree_indicator", round, key=FIRST))
    body = text(page)
    assert "note 1" in body and "note 3" in body
    assert "Maturing, medium confidence" in body


@pytest.mark.parametrize("level", ["3", "4"])
def test_maturing_or_thriving_without_evidence_is_refused(
    client: Client, round: Round, level: str
) -> None:
    name = {"3": "Maturing", "4": "Thriving"}[level]
    response = client.post(
        url("agree_indicator", round, key=FIRST), {"level": level, "rationale": "We think so"}
    )
    assert response.status_code == 400
    assert error_summary(response) == [
        f"Enter the evidence for {name}: the panel cannot agree {name} without it"
    ]
    assert not IndicatorConsensus.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rationale": "x"}, "Select the level the panel agreed"),
        ({"level": "7", "rationale": "x"}, "Select the level the panel agreed"),
        ({"level": "2"}, "Enter why the panel agreed this level"),
        (
            {"level": "2", "rationale": "x", "evidence_link": "not a link"},
            "Enter a link in the correct format, like https://www.example.nhs.uk/ccpl-plan",
        ),
    ],
)
def test_other_bad_input_is_refused(
    client: Client, round: Round, data: dict[str, str], message: str
) -> None:
    response = client.post(url("agree_indicator", round, key=FIRST), data)
    assert response.status_code == 400
    assert message in error_summary(response)
    assert not IndicatorConsensus.objects.exists()


def test_maturing_with_a_link_as_evidence_is_agreed_and_audited(
    client: Client, round: Round
) -> None:
    response = client.post(
        url("agree_indicator", round, key=FIRST),
        {"level": "3", "rationale": "Seats agreed", "evidence_link": "https://example.nhs.uk/tor"},
    )
    assert response.status_code == 302
    agreed = IndicatorConsensus.objects.get()
    assert (agreed.level, agreed.evidence_link) == (3, "https://example.nhs.uk/tor")
    assert AuditEntry.objects.get(action="assessment_level_agreed").details["level"] == 3
    assert "Maturing" in row_of(client.get(url("show_consensus", round)), "P1.1")[6]


def test_an_unknown_indicator_is_not_found(client: Client, round: Round) -> None:
    assert client.get(url("agree_indicator", round, key="p9_nothing")).status_code == 404
    assert (
        client.post(url("agree_indicator", round, key="p9_nothing"), {"level": "1"}).status_code
        == 404
    )


def test_a_gateway_yes_needs_evidence(client: Client, round: Round) -> None:
    address = url("agree_gateway", round, key="ce1_framework_and_plan")
    refused = client.post(address, {"answer": "yes"})
    assert error_summary(refused) == [
        "Enter the evidence for answering yes: a note, a link or both"
    ]
    assert not GatewayConsensus.objects.exists()
    assert (
        client.post(
            address, {"answer": "yes", "evidence": "Plan agreed at the board in May"}
        ).status_code
        == 302
    )
    assert GatewayConsensus.objects.get().answer == "yes"


def test_the_round_completes_only_when_everything_is_agreed(
    client: Client, round: Round, admin: object
) -> None:
    refused = client.post(url("complete_round", round))
    assert refused.status_code == 400
    assert "still to agree" in error_summary(refused)[0]
    for indicator in indicators():
        client.post(
            url("agree_indicator", round, key=indicator.key), {"level": "2", "rationale": "x"}
        )
    for key in ("ce1_framework_and_plan", "ce2_leaders_involved"):
        client.post(url("agree_gateway", round, key=key), {"answer": "no"})
    assert "Everything is agreed" in text(client.get(url("show_consensus", round)))
    assert client.post(url("complete_round", round)).status_code == 302
    assert client.get(url("agree_indicator", round, key=FIRST)).status_code == 404
