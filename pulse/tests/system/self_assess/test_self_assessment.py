"""Journey: an ICS admin opens a self-assessment round with three panel members; each rates on
their own without seeing the others; the facilitator sees the spread and records the consensus
with evidence (refused Maturing without it first); the results show the movement since the
previous round and the perception gap against the latest published pulse check."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pulse.assessments.models import Round
from pulse.assessments.services import consensus
from pulse.assessments.tests.factories import completed_round, indicators
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.tests.builders import published_pair
from pulse.tests.system.conftest import check_page
from pulse.tests.system.self_assess.steps import (
    fill_date,
    open_section,
    rate_round,
    sign_in,
    sign_out,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ADMIN = "lead@cheshire.example.nhs.uk"
PANEL = [("Ruth Adams", "ruth@cheshire.example.nhs.uk", 1), ("Sam Baker", "sam@cheshire.example.nhs.uk", 2), ("Tariq Chen", "tariq@cheshire.example.nhs.uk", 3)]  # fmt: skip
FIRST = "p1_professions_in_decisions"


def open_the_round(page: Page) -> None:
    sign_in(page, ADMIN)
    open_section(page, "Self-assessment", "Culture self-assessment")
    page.get_by_role("button", name="Open a round").click()
    check_page(page)
    page.get_by_label("Title").fill("Culture self-assessment 2026")
    fill_date(page, "rating_deadline", timezone.localdate() + timedelta(days=14))
    for name, _, _ in PANEL:
        page.get_by_label(name).check()
    page.get_by_role("button", name="Open round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Culture self-assessment 2026")
    expect(page.get_by_text("3 people, 0 submitted their ratings")).to_be_visible()
    check_page(page)
    sign_out(page)


def each_rates_alone(page: Page) -> None:
    notes = [f"What {name} saw at the forum" for name, _, _ in PANEL]
    for (_, email, level), note in zip(PANEL, notes, strict=True):
        sign_in(page, email)
        open_section(page, "Self-assessment", "Culture self-assessment")
        page.get_by_role("link", name="Rate").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your ratings")
        check_page(page)
        for other in notes:
            expect(page.get_by_text(other)).to_have_count(0)
        rate_round(page, level, note)
        # Even after submitting, the others' ratings stay hidden while rating is open
        page.goto(page.url.replace("/rate/", "/consensus/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("The panel's ratings are hidden")
        check_page(page)
        sign_out(page)


def facilitate(page: Page) -> None:
    sign_in(page, ADMIN)
    open_section(page, "Self-assessment", "Culture self-assessment")
    page.get_by_role("link", name="Manage").first.click()
    expect(page.get_by_text("3 people, 3 submitted their ratings")).to_be_visible()
    page.get_by_role("button", name="Close the rating stage").click()
    check_page(page)
    page.get_by_role("button", name="Close the rating stage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agree levels")
    # The spread: one rating at each of Emerging, Developing and Maturing, a disagreement
    row = page.get_by_role("row").filter(has_text="P1.1 Every profession has a say")
    expect(row).to_contain_text("Disagreement")
    check_page(page)
    row.get_by_role("link", name="Agree level").click()
    expect(page.get_by_text("What Ruth Adams saw at the forum")).to_be_visible()
    check_page(page)
    page.get_by_label("Maturing").check()
    page.get_by_label("Why did the panel agree this level?").fill("Seats agreed in most groups")
    page.get_by_role("button", name="Save agreed level").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter the evidence for Maturing: the panel cannot agree Maturing without it"
    )
    assert page.title().startswith("Error:")
    check_page(page)
    page.get_by_label("Evidence", exact=True).fill("Terms of reference and attendance records")
    page.get_by_role("button", name="Save agreed level").click()
    expect(page.get_by_text("P1.1 agreed as Maturing")).to_be_visible()
    check_page(page)


def agree_the_rest() -> None:
    """The facilitator records the other agreed levels the same way (through the service here,
    to keep the journey short)."""
    round = Round.objects.get(title="Culture self-assessment 2026")
    admin = round.created_by
    for indicator in indicators()[1:]:
        consensus.indicator_consensus_record(round=round, indicator=indicator, level=2, rationale="Partly in place", evidence="", evidence_link="", by=admin)  # fmt: skip


def complete_and_read_results(page: Page) -> None:
    page.reload()
    for title in ("A local framework and plan", "Leaders from every profession involved"):
        page.get_by_role("row").filter(has_text=title).get_by_role("link").click()
        check_page(page)
        page.get_by_label("Partly").check()
        page.get_by_label("Evidence", exact=True).fill("Draft framework agreed by NHS partners")
        page.get_by_role("button", name="Save agreed answer").click()
    page.get_by_role("button", name="Complete the round").click()
    check_page(page)
    page.get_by_role("button", name="Complete the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Results: Culture self-assessment 2026"
    )
    # Movement since last year's round, and the perception gap against the pulse check
    expect(page.get_by_text("Since Culture self-assessment 2025").first).to_be_visible()
    readings = page.locator(".app-gap-readings")
    expect(readings).to_contain_text("The panel rates P1 as Developing")
    expect(readings).to_contain_text("leaders score their involvement in decisions at every level")
    expect(readings).to_contain_text("England median")
    check_page(page)
    page.get_by_role("button", name="Download the report and data").click()
    check_page(page)


def test_a_panel_rates_alone_then_agrees_levels_with_evidence(page: Page) -> None:
    # Given an ICS admin, three panel members, last year's round and published pulse checks
    admin = member(Role.ICS_ADMIN, "QYG", email=ADMIN, full_name="Aisha Khan")
    for name, email, _ in PANEL:
        member(Role.PANEL_MEMBER, "QYG", email=email, full_name=name)
    published_pair()
    completed_round(
        title="Culture self-assessment 2025",
        default=1,
        completed_on=timezone.localdate() - timedelta(days=365),
        admin=admin,
    )
    # When the admin opens a round with the three of them
    open_the_round(page)
    # Then each rates alone, seeing nobody else's ratings
    each_rates_alone(page)
    # When the facilitator closes the rating stage, they see the spread and record consensus
    facilitate(page)
    agree_the_rest()
    # Then, once the gateway is agreed and the round completed, the results show the movement
    # and the perception gap
    complete_and_read_results(page)
