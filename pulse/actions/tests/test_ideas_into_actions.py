"""An ICS admin turns an idea into an action: the form starts from the idea, the saved action
links back to it, and an idea becomes at most one action of its own ICS's plan. No one else may
do it, no odd or foreign idea id gets further than "not found", and the author of an idea posted
as "A colleague" is never shown on the plan, its PDF or the audit."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pulse.actions.exports import render_plan_pdf
from pulse.actions.models import Action
from pulse.actions.services import IDEA_TAKEN, ActionDetails, action_create
from pulse.actions.tests.factories import add_action
from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, soup, text
from pulse.ideas.models import Idea
from pulse.ideas.services.moderation import post_hide
from pulse.ideas.tests.factories import ChallengeFactory, IdeaFactory, stages
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import ics, member
from pulse.reports.tests.exports import pdf_text

pytestmark = pytest.mark.django_db

AUTHOR = {"full_name": "Zebedee Quartermaine", "email": "zeb.q@wirral.nhs.uk"}
SECRETS = ("Zebedee", "Quartermaine", "zeb.q@")


def url(name: str, **kwargs: object) -> str:
    return reverse(f"actions:{name}", kwargs={"ics_code": "qyg", **kwargs})


def words(page: Any) -> str:
    return " ".join(page.get_text(" ").split())


def add_url(idea_id: object) -> str:
    return f"{url('add_action')}?idea={idea_id}"


def signed_in(role: Role, ods: str = "QYG") -> Client:
    client = Client()
    client.force_login(member(role, ods))
    return client


@pytest.fixture
def admin_client() -> Client:
    return signed_in(Role.ICS_ADMIN)


@pytest.fixture
def idea() -> Idea:
    """An idea posted as "A colleague", tagged with P3 then P4."""
    stages()
    return IdeaFactory(
        challenge=ChallengeFactory(title="Making time to lead"),
        author=member(Role.STAFF, **AUTHOR),
        anonymous=True,
        title="Protected half-day a month for place leads",
        description="Half a day each month, with cover, for system work.",
        principles="P3,P4",
    )


def post(**changes: object) -> dict[str, object]:
    due = timezone.localdate() + timedelta(days=90)
    data = {
        "title": "Protect a half-day a month for place leads",
        "description": "Agree cover with the trusts first.",
        "principle": "P3",
        "indicator": "",
        "question_key": "",
        "owner": "",
        "owner_name": "Chief people officers",
        "due_on_day": str(due.day),
        "due_on_month": str(due.month),
        "due_on_year": str(due.year),
        "status": "not_started",
    }
    data.update(changes)
    return data


def details(idea: Idea | None, title: str = "From the idea") -> ActionDetails:
    return ActionDetails(
        principle="P3",
        title=title,
        due_on=timezone.localdate() + timedelta(days=30),
        owner_name="CCPL forum",
        idea=idea,
    )


def test_an_admin_turns_an_idea_into_an_action_that_links_back_to_it(
    admin_client: Client, idea: Idea
) -> None:
    form = soup(admin_client.get(add_url(idea.pk)))
    assert form.h1.get_text() == "Turn an idea into an action"
    assert "From an idea: Protected half-day a month for place leads" in words(form)
    assert form.select_one("#id_title")["value"] == idea.title
    assert form.select_one("#id_description").get_text().strip() == idea.description
    assert form.select_one("input[name=principle][value=P3]").has_attr("checked")
    assert form.select_one("main form[method=post]")["action"].endswith(f"?idea={idea.pk}")

    response = admin_client.post(add_url(idea.pk), post())
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "show_action", action_id=action.pk
    )
    assert action.idea == idea and action.title == "Protect a half-day a month for place leads"
    entry = AuditEntry.objects.get(action="action_added")
    assert entry.details["idea"] == idea.pk

    page = soup(admin_client.get(url("show_action", action_id=action.pk)))
    link = page.select_one(".app-from-idea a")
    assert "From an idea: Protected half-day a month for place leads" in words(page)
    assert link["href"] == f"/ics/qyg/ideas/{idea.pk}/"


def test_an_action_without_an_idea_is_added_as_before(admin_client: Client) -> None:
    page = soup(admin_client.get(f"{url('add_action')}?principle=P2"))
    assert page.h1.get_text() == "Add an action"
    assert page.select_one("input[name=principle][value=P2]").has_attr("checked")
    assert admin_client.post(url("add_action"), post()).status_code == 302
    action = Action.objects.get()
    assert action.idea is None
    assert "From an idea" not in text(admin_client.get(url("show_action", action_id=action.pk)))


@pytest.mark.parametrize("role", [Role.STAFF, Role.IDEA_MODERATOR, Role.ICS_VIEWER])
def test_only_ics_admins_turn_ideas_into_actions(role: Role, idea: Idea) -> None:
    client = signed_in(role)
    assert client.get(add_url(idea.pk)).status_code == 403
    assert client.post(add_url(idea.pk), post()).status_code == 403
    assert not Action.objects.exists()


def test_another_ics_idea_is_not_found_and_refused_by_the_service(admin_client: Client) -> None:
    stages("QMJ")
    london = IdeaFactory(challenge=ChallengeFactory(ics=ics("QMJ")), title="London secret")
    assert admin_client.get(add_url(london.pk)).status_code == 404
    assert admin_client.post(add_url(london.pk), post()).status_code == 404
    with pytest.raises(ValidationError) as refused:
        action_create(ics=ics("QYG"), details=details(london), by=member(Role.ICS_ADMIN))
    assert refused.value.messages == ["Select an idea from your system"]
    assert not Action.objects.exists()
    # And London's own admin cannot reach a Cheshire and Merseyside idea from their plan.
    stages()
    ours = IdeaFactory(challenge=ChallengeFactory())
    theirs = signed_in(Role.ICS_ADMIN, "QMJ")
    assert theirs.get(f"/ics/qmj/action-plan/add/?idea={ours.pk}").status_code == 404


def test_an_idea_becomes_at_most_one_action(admin_client: Client, idea: Idea) -> None:
    assert admin_client.post(add_url(idea.pk), post()).status_code == 302
    first = Action.objects.get()

    again = admin_client.get(add_url(idea.pk), follow=True)
    assert again.redirect_chain[-1][0] == url("show_action", action_id=first.pk)
    assert IDEA_TAKEN in text(again)

    refused = admin_client.post(add_url(idea.pk), post(title="A second action"))
    assert refused.status_code == 400
    assert error_summary(refused) == [IDEA_TAKEN]
    with pytest.raises(ValidationError) as service:
        action_create(ics=ics("QYG"), details=details(idea), by=member(Role.ICS_ADMIN))
    assert service.value.messages == [IDEA_TAKEN]
    assert list(Action.objects.values_list("title", flat=True)) == [first.title]


def test_a_posted_form_that_loses_the_idea_is_still_refused_for_a_taken_idea(
    admin_client: Client, idea: Idea
) -> None:
    """Two admins open the form for the same idea; the second to save is told it is taken."""
    assert admin_client.get(add_url(idea.pk)).status_code == 200
    action_create(ics=ics("QYG"), details=details(idea), by=member(Role.ICS_ADMIN))
    late = admin_client.post(add_url(idea.pk), post())
    assert late.status_code == 400 and error_summary(late) == [IDEA_TAKEN]
    assert Action.objects.count() == 1


def test_changing_an_action_keeps_its_idea(admin_client: Client, idea: Idea) -> None:
    action = action_create(ics=ics("QYG"), details=details(idea), by=member(Role.ICS_ADMIN))
    response = admin_client.post(
        url("edit_action", action_id=action.pk), post(title="Renamed", status="in_progress")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.idea) == ("Renamed", idea)
    assert AuditEntry.objects.get(action="action_changed").details["idea"] == idea.pk


def test_a_hidden_idea_is_not_turned_into_an_action_nor_named_on_its_action(
    admin_client: Client, idea: Idea
) -> None:
    action = action_create(ics=ics("QYG"), details=details(idea), by=member(Role.ICS_ADMIN))
    post_hide(post=idea, reason="Names a team", by=member(Role.IDEA_MODERATOR))
    page = text(admin_client.get(url("show_action", action_id=action.pk)))
    assert "From an idea that a moderator has since hidden" in page
    assert idea.title not in page

    hidden = IdeaFactory(challenge=idea.challenge, title="Another")
    post_hide(post=hidden, reason="Duplicate", by=member(Role.IDEA_MODERATOR))
    refused = admin_client.post(add_url(hidden.pk), post())
    assert refused.status_code == 400
    assert error_summary(refused) == [
        "This idea is hidden. Show it again to turn it into an action"
    ]


def test_removing_the_idea_keeps_the_action(idea: Idea) -> None:
    action = action_create(ics=ics("QYG"), details=details(idea), by=member(Role.ICS_ADMIN))
    idea.delete()
    action.refresh_from_db()
    assert action.idea is None and action.title == "From the idea"


BAD_IDS = ["", "abc", "-1", "0", "1.5", "1e3", "99999999999999999999", "2147483648", "\u00b2"]


@pytest.mark.parametrize("bad", [*BAD_IDS, "1 OR 1=1", "%00", "[1]"])
def test_a_bad_idea_id_is_not_found_never_a_server_error(admin_client: Client, bad: str) -> None:
    assert admin_client.get(url("add_action"), {"idea": bad}).status_code == 404
    assert admin_client.post(f"{url('add_action')}?idea={bad}", post()).status_code == 404
    assert not Action.objects.exists()


def test_the_plan_and_its_pdf_note_an_action_from_an_idea(admin_client: Client, idea: Idea) -> None:
    action_create(ics=ics("QYG"), details=details(idea, "Idea action"), by=member(Role.ICS_ADMIN))
    add_action(title="Plain action", principle="P3")
    rows = {
        " ".join(row.get_text(" ").split()): row
        for row in soup(admin_client.get(url("list_actions"))).select("tbody tr")
    }
    assert any(key.startswith("Idea action From an idea") for key in rows)
    assert not any(key.startswith("Plain action From an idea") for key in rows)
    assert "Idea action From an idea" in " ".join(pdf_text(render_plan_pdf(ics("QYG"))).split())


def without_owner_choices(response: Any) -> Any:
    """The page without the list of people who could own an action: it names everyone with a
    role in the ICS, whatever they posted, so it says nothing about who wrote the idea."""
    page = soup(response)
    for choices in page.select("select#id_owner"):
        choices.decompose()
    return page


def test_an_anonymous_ideas_author_is_nowhere_on_the_plan(admin_client: Client, idea: Idea) -> None:
    pages = [admin_client.get(add_url(idea.pk))]
    admin_client.post(add_url(idea.pk), post())
    action = Action.objects.get()
    viewer = signed_in(Role.ICS_VIEWER)
    for client in (admin_client, viewer):
        pages += [
            client.get(url("list_actions")),
            client.get(url("show_action", action_id=action.pk)),
        ]
    pages.append(admin_client.get(url("edit_action", action_id=action.pk)))
    shown = [str(without_owner_choices(response)) for response in pages]
    shown.append(pdf_text(render_plan_pdf(ics("QYG"))))
    shown.append(
        json.dumps(list(AuditEntry.objects.values("details", "target_label", "actor_label")))
    )
    for content in shown:
        for secret in SECRETS:
            assert secret not in content
