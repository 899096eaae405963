"""The design group moves ideas through the ICS's pipeline with feedback that the author and
supporters see; ICS admins rename, add, reorder and remove stages. Every change is audited."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, text
from pulse.ideas.models import Idea, Notification, Stage, StageChange
from pulse.ideas.services.notifications import notification_preferences_update
from pulse.ideas.services.stages import DEFAULT_STAGES
from pulse.ideas.tests.factories import IdeaFactory, SupportFactory, stages
from pulse.organisations.tests.factories import ics

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(people: dict[str, Any], challenge: Any) -> Idea:
    idea = IdeaFactory(challenge=challenge, author=people["author"], title="Shared rota")
    SupportFactory(idea=idea, user=people["staff"])
    return idea


def move(client: Client, idea: Idea, stage: str, feedback: str) -> Any:
    return client.post(
        f"/ics/qyg/ideas/{idea.pk}/move/",
        {"stage": stages()[stage].pk, "feedback": feedback},
    )


def test_every_ics_starts_with_the_default_pipeline() -> None:
    stages("QYG")
    stages("QYG")  # asking again creates nothing more
    created = Stage.objects.filter(ics=ics("QYG"))
    assert [(s.name, s.kind) for s in created] == DEFAULT_STAGES


def test_a_moderator_moves_an_idea_with_feedback_that_author_and_supporters_see(
    client: Client, people: dict[str, Any], idea: Idea, committed: Any
) -> None:
    client.force_login(people["moderator"])
    with committed():
        response = move(client, idea, "Shortlisted", "We will test this in Wirral.")
    assert response["Location"] == f"/ics/qyg/ideas/{idea.pk}/"
    idea.refresh_from_db()
    assert idea.stage.name == "Shortlisted" and idea.review_started_at is not None

    change = StageChange.objects.get()
    assert (change.from_stage_name, change.to_stage_name) == ("New", "Shortlisted")
    page = text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))
    assert "Moved from New to Shortlisted" in page and "We will test this in Wirral." in page

    told = {n.user.email: n.text for n in Notification.objects.select_related("user")}
    assert told == {
        people["author"].email: "Your idea Shared rota moved to Shortlisted",
        people["staff"].email: "An idea you support, Shared rota, moved to Shortlisted",
    }
    emails = {m.to[0]: m for m in mail.outbox}
    assert "We will test this in Wirral." in emails[people["author"].email].body
    assert "We will test this in Wirral." in emails[people["staff"].email].body
    entry = AuditEntry.objects.get(action="idea_moved")
    assert entry.actor == people["moderator"] and entry.details == {
        "from": "New",
        "to": "Shortlisted",
    }


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (
            {},
            [
                "Select the stage to move the idea to",
                "Enter feedback for the author and supporters",
            ],
        ),
        ({"stage": "999999", "feedback": "x"}, ["Select the stage to move the idea to"]),
        ({"stage": "not-a-number", "feedback": "x"}, ["Select the stage to move the idea to"]),
        ({"stage": "NEW", "feedback": "x"}, ["Select the stage to move the idea to"]),
        ({"stage": "SHORT", "feedback": "   "}, ["Enter feedback for the author and supporters"]),
        (
            {"stage": "SHORT", "feedback": "x" * 2001},
            ["Feedback for the author and supporters must be 2000 characters or fewer"],
        ),
    ],
)
def test_bad_moves_get_nhs_errors_and_change_nothing(
    client: Client, people: dict[str, Any], idea: Idea, data: dict[str, str], messages: list[str]
) -> None:
    names = stages()
    data = {
        k: {"NEW": str(names["New"].pk), "SHORT": str(names["Shortlisted"].pk)}.get(v, v)
        for k, v in data.items()
    }
    client.force_login(people["moderator"])
    response = client.post(f"/ics/qyg/ideas/{idea.pk}/move/", data)
    assert response.status_code == 200 and error_summary(response) == messages
    idea.refresh_from_db()
    assert idea.stage.name == "New" and not StageChange.objects.exists()
    assert not Notification.objects.exists() and not AuditEntry.objects.exists()


def test_an_idea_cannot_move_to_another_ics_stage(
    client: Client, people: dict[str, Any], idea: Idea
) -> None:
    london = stages("QMJ")["Shortlisted"]
    client.force_login(people["moderator"])
    response = client.post(f"/ics/qyg/ideas/{idea.pk}/move/", {"stage": london.pk, "feedback": "x"})
    assert error_summary(response) == ["Select the stage to move the idea to"]
    assert not StageChange.objects.exists()


def test_people_choose_whether_they_are_told(
    client: Client, people: dict[str, Any], idea: Idea, committed: Any
) -> None:
    notification_preferences_update(user=people["staff"], kinds=[], by_email=True)
    notification_preferences_update(
        user=people["author"], kinds=["stage_change_mine"], by_email=False
    )
    client.force_login(people["moderator"])
    with committed():
        move(client, idea, "Under review", "Reading it now")
    assert list(Notification.objects.values_list("user__email", flat=True)) == [
        people["author"].email
    ]
    assert mail.outbox == []


def test_an_admin_renames_adds_reorders_and_removes_stages(
    client: Client, people: dict[str, Any]
) -> None:
    names = stages()
    client.force_login(people["admin"])
    client.post(
        f"/ics/qyg/ideas/stages/{names['Under review'].pk}/change/",
        {"name": "Being assessed", "kind": "active"},
    )
    client.post("/ics/qyg/ideas/stages/add/", {"name": "Piloting", "kind": "active"})
    client.post(
        f"/ics/qyg/ideas/stages/{Stage.objects.get(name='Piloting').pk}/move/", {"direction": "up"}
    )
    order = list(Stage.objects.filter(ics=ics("QYG")).values_list("name", flat=True))
    assert order == [
        "New",
        "Being assessed",
        "Shortlisted",
        "In development",
        "Implemented",
        "Piloting",
        "Not taken forward",
    ]
    client.post(f"/ics/qyg/ideas/stages/{Stage.objects.get(name='Piloting').pk}/remove/")
    assert not Stage.objects.filter(name="Piloting").exists()
    assert list(Stage.objects.filter(ics=ics("QYG")).values_list("position", flat=True)) == list(
        range(6)
    )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"stage_changed", "stage_added", "stage_moved", "stage_removed"} <= actions


def test_stage_changes_that_make_no_sense_are_refused(
    client: Client, people: dict[str, Any], idea: Idea
) -> None:
    names = stages()
    client.force_login(people["admin"])
    duplicate = client.post("/ics/qyg/ideas/stages/add/", {"name": "shortlisted", "kind": "active"})
    assert error_summary(duplicate) == ["There is already a stage called shortlisted"]
    bad = client.post("/ics/qyg/ideas/stages/add/", {"name": "", "kind": "maybe"})
    assert error_summary(bad) == ["Enter the stage name", "Select what this stage means"]
    long = client.post("/ics/qyg/ideas/stages/add/", {"name": "x" * 61, "kind": "active"})
    assert error_summary(long) == ["Stage name must be 60 characters or fewer"]
    up = client.post(
        f"/ics/qyg/ideas/stages/{names['New'].pk}/move/", {"direction": "up"}, follow=True
    )
    assert "New is already the first stage" in text(up)
    sideways = client.post(
        f"/ics/qyg/ideas/stages/{names['New'].pk}/move/", {"direction": "left"}, follow=True
    )
    assert "Select whether to move the stage up or down" in text(sideways)
    in_use = client.post(f"/ics/qyg/ideas/stages/{names['New'].pk}/remove/")
    assert error_summary(in_use) == [
        "You cannot remove New because 1 idea is at this stage. Move them first."
    ]
    assert Stage.objects.filter(ics=ics("QYG")).count() == 6
    assert not AuditEntry.objects.exists()


def test_the_history_keeps_the_name_a_stage_had(
    client: Client, people: dict[str, Any], idea: Idea
) -> None:
    client.force_login(people["moderator"])
    move(client, idea, "Shortlisted", "Good")
    client.force_login(people["admin"])
    client.post(
        f"/ics/qyg/ideas/stages/{stages()['Shortlisted'].pk}/change/",
        {"name": "On the list", "kind": "active"},
    )
    page = text(client.get(f"/ics/qyg/ideas/{idea.pk}/"))
    assert "Moved from New to Shortlisted" in page and "On the list" in page
