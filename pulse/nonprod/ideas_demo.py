"""Demo ideas for the demo ICS: an allowed sign-in domain, a closed challenge whose ideas went
through the whole pipeline, and an open one still taking ideas. About 30 ideas at every stage,
some posted as "A colleague", with supports, comments and replies, and feedback at every move.

The challenges and ideas are in `ideas_demo.yaml` beside this module. Everything is written
through the services, so it is validated, audited and notified like real
use; the demo then moves dates into the past, which no service allows. Idempotent: a challenge
that already exists (by title) is left alone.

Three ideas the design group took forward are then turned into actions of the plan (one of them
posted as "A colleague"), so the plan, the ideas' pages and "You said, we did" link both ways.
This runs after the self-assessment demo has built the plan; an idea that is already an action
is left alone.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from django.db.models import F
from django.utils import timezone

from pulse.accounts.models import User
from pulse.actions.models import Action, ActionStatus
from pulse.actions.selectors import indicators_for_plan
from pulse.actions.services import ActionDetails, action_create, progress_note_add
from pulse.ideas.models import Challenge, Comment, Idea, NotificationPreference, StageChange
from pulse.ideas.services import ideas as idea_services
from pulse.ideas.services.challenges import challenge_create
from pulse.ideas.services.pipeline import idea_move
from pulse.ideas.services.stages import stage_defaults_ensure
from pulse.organisations.models import ICS, AllowedEmailDomain, Membership, Role

SEED = 20250902
DOMAIN = "demo.example.org"
COLLEAGUES = [
    ("Grace Mensah", "Advanced nurse practitioner"),
    ("Tom Hughes", "Consultant physician"),
    ("Ruth Campbell", "Social worker"),
    ("Imran Patel", "Community pharmacist"),
    ("Sian Roberts", "Physiotherapist"),
    ("Kofi Asante", "GP partner"),
    ("Laura Bennett", "Occupational therapist"),
    ("Marek Nowak", "Paramedic"),
]
PATHS = {
    "New": [],
    "Under review": ["Under review"],
    "Shortlisted": ["Under review", "Shortlisted"],
    "In development": ["Under review", "Shortlisted", "In development"],
    "Implemented": ["Under review", "Shortlisted", "In development", "Implemented"],
    "Not taken forward": ["Under review", "Not taken forward"],
}
STEP_FEEDBACK = {
    "Under review": "Thank you. The design group has started to look at this idea and will "
    "discuss it at its next workshop.",
    "Shortlisted": "The design group shortlisted this idea: it fits the framework and several "
    "partners said they could support it.",
    "In development": "A small working group from two trusts and the council is now working "
    "out how to put this into practice.",
}


@dataclass(frozen=True)
class DemoIdea:
    title: str
    description: str
    principles: tuple[str, ...]
    stage: str
    author: int  # index into the demo colleagues (-1: the demo staff member)
    anonymous: bool = False
    outcome: str = ""  # feedback on the final move


@dataclass(frozen=True)
class DemoChallenge:
    title: str
    question: str
    description: str
    principles: tuple[str, ...]
    finding: str
    opened_days_ago: int
    closes_in_days: int
    ideas: tuple[DemoIdea, ...]


def load_challenges() -> list[DemoChallenge]:
    data = yaml.safe_load(Path(__file__).with_name("ideas_demo.yaml").read_text())
    return [_challenge_spec(item) for item in data["challenges"]]


def _challenge_spec(item: dict[str, Any]) -> DemoChallenge:
    ideas = tuple(
        DemoIdea(
            title=idea["title"],
            description=idea["description"],
            principles=tuple(idea["principles"]),
            stage=idea["stage"],
            author=idea["author"],
            anonymous=idea.get("anonymous", False),
            outcome=idea.get("outcome", ""),
        )
        for idea in item["ideas"]
    )
    fields = {k: v for k, v in item.items() if k not in {"ideas", "principles"}}
    return DemoChallenge(**fields, principles=tuple(item["principles"]), ideas=ideas)


def _colleagues(ics: ICS) -> list[User]:
    people = []
    for number, (name, _role) in enumerate(COLLEAGUES, start=1):
        user, _ = User.objects.get_or_create(
            email=f"colleague-{number}@{DOMAIN}", defaults={"full_name": name}
        )
        Membership.objects.get_or_create(user=user, role=Role.STAFF, ics=ics)
        people.append(user)
    for user in [*people, User.objects.get(email=f"staff@{DOMAIN}")]:
        # Demo addresses are not real: keep notifications in the app, not in the mail queue.
        NotificationPreference.objects.get_or_create(
            user=user,
            defaults={
                "kinds": [
                    "stage_change_mine",
                    "stage_change_supported",
                    "comment_on_mine",
                    "challenge_closing",
                ],
                "by_email": False,
            },
        )
    return people


def build_ideas(ics: ICS) -> None:
    AllowedEmailDomain.objects.get_or_create(ics=ics, domain=DOMAIN)
    stage_defaults_ensure(ics=ics)
    people = _colleagues(ics)
    staff = User.objects.get(email=f"staff@{DOMAIN}")
    moderator = User.objects.get(email=f"idea-moderator@{DOMAIN}")
    admin = User.objects.get(email=f"ics-admin@{DOMAIN}")
    rng = random.Random(SEED)
    for spec in load_challenges():
        if Challenge.objects.for_ics(ics).filter(title=spec.title).exists():
            continue
        challenge = _challenge(ics, spec, admin)
        for number, idea_spec in enumerate(spec.ideas):
            author = staff if idea_spec.author < 0 else people[idea_spec.author]
            idea = _idea(challenge, idea_spec, author, moderator)
            _engage(idea, author, [*people, staff, moderator], rng)
            _backdate(idea, spec, number, len(spec.ideas))
        _close(challenge, spec)
    _report_one(ics, people[0])
    build_idea_actions(ics, admin)


def _challenge(ics: ICS, spec: DemoChallenge, admin: User) -> Challenge:
    today = timezone.localdate()
    return challenge_create(
        ics=ics,
        title=spec.title,
        question=spec.question,
        description=spec.description,
        principles=spec.principles,
        finding=spec.finding,
        opens_on=today - timedelta(days=spec.opened_days_ago),
        closes_on=today + timedelta(days=max(spec.closes_in_days, 0)),
        by=admin,
    )


def _idea(challenge: Challenge, spec: DemoIdea, author: User, moderator: User) -> Idea:
    idea = idea_services.idea_create(
        challenge=challenge,
        author=author,
        title=spec.title,
        description=spec.description,
        principles=spec.principles,
        anonymous=spec.anonymous,
    )
    stages = {stage.name: stage for stage in stage_defaults_ensure(ics=challenge.ics)}
    path = PATHS[spec.stage]
    for step, name in enumerate(path):
        final = step == len(path) - 1
        feedback = spec.outcome if final and spec.outcome else STEP_FEEDBACK.get(name, spec.outcome)
        idea_move(idea=idea, to_stage=stages[name], feedback=feedback, by=moderator)
    return idea


COMMENTS = [
    "We tried something similar in our trust and it made a real difference.",
    "This would need the council on board too, but I think they would be keen.",
    "How would this work for people who work part time?",
    "Strongly agree. Primary care colleagues often miss out on this.",
    "Could we start small, in one place, and learn from it?",
    "Good idea, as long as it does not add another meeting to the week.",
]
REPLIES = [
    "Part-time colleagues could get the same share of time, pro rata.",
    "Agreed: Wirral might be a good place to start.",
    "Thanks, that is a fair point. I have added some detail to the idea.",
]


def _engage(idea: Idea, author: User, people: list[User], rng: random.Random) -> None:
    others = [p for p in people if p.pk != author.pk]
    for supporter in rng.sample(others, rng.randint(0, min(7, len(others)))):
        idea_services.idea_support(idea=idea, user=supporter)
    for _ in range(rng.randint(0, 2)):
        commenter = rng.choice(others)
        comment = idea_services.comment_create(
            idea=idea, author=commenter, body=rng.choice(COMMENTS), anonymous=rng.random() < 0.2
        )
        if rng.random() < 0.5:
            idea_services.comment_create(
                idea=idea,
                author=rng.choice([author, *others]),
                body=rng.choice(REPLIES),
                anonymous=idea.anonymous,
                parent=comment,
            )


def _backdate(idea: Idea, spec: DemoChallenge, number: int, count: int) -> None:
    """Spread the ideas over the weeks the challenge was open, and their history after them."""
    open_days = spec.opened_days_ago - max(-spec.closes_in_days, 0)
    posted = timezone.now() - timedelta(days=spec.opened_days_ago - open_days * number / count)
    Idea.objects.filter(pk=idea.pk).update(created_at=posted, updated_at=posted)
    Comment.objects.filter(idea=idea).update(created_at=posted + timedelta(days=2))
    changes = list(StageChange.objects.filter(idea=idea).order_by("id"))
    for step, change in enumerate(changes, start=1):
        StageChange.objects.filter(pk=change.pk).update(
            created_at=min(posted + timedelta(days=7 * step), timezone.now())
        )
    if changes:
        Idea.objects.filter(pk=idea.pk).update(review_started_at=F("created_at"))


def _close(challenge: Challenge, spec: DemoChallenge) -> None:
    if spec.closes_in_days < 0:
        closes = timezone.localdate() + timedelta(days=spec.closes_in_days)
        Challenge.objects.filter(pk=challenge.pk).update(
            closes_on=closes, closing_notice_sent_on=closes - timedelta(days=3)
        )


def _report_one(ics: ICS, reporter: User) -> None:
    """One comment waiting in the moderation queue, so moderators see how it works."""
    comment = (
        Comment.objects.filter(idea__ics=ics, parent__isnull=True, anonymous=False)
        .exclude(author=reporter)
        .order_by("id")
        .first()
    )
    if comment is not None and not comment.reports.exists():
        idea_services.report_create(
            reporter=reporter,
            comment=comment,
            reason="This seems to describe a named team in a way they could find upsetting.",
        )


@dataclass(frozen=True)
class DemoIdeaAction:
    idea: str  # the title of the idea in ideas_demo.yaml
    title: str
    principle: str
    indicator: str
    owner_name: str
    status: str
    due_in: int
    started_days_ago: int
    note: str


IDEA_ACTIONS = [
    DemoIdeaAction(
        "Rotate the chair of place partnership boards",
        "Rotate the chair of every place partnership board between professions",
        "P1",
        "p1_professions_in_decisions",
        "Place partnership chairs",
        ActionStatus.DONE,
        -40,
        150,
        "All nine boards have agreed a rota; Sefton's first nurse chair started in April.",
    ),
    DemoIdeaAction(
        "Publish who sits on each decision-making group",
        "Publish who sits on each decision-making group and what it decides",
        "P1",
        "p1_open_information",
        "ICB governance team",
        ActionStatus.DONE,
        -70,
        120,
        "The list is on the intranet and is checked every quarter.",
    ),
    DemoIdeaAction(
        "Backfill funding so clinicians can attend system meetings",
        "Fund backfill so clinicians can attend system meetings",
        "P3",
        "p3_protected_time",
        "Chief finance officers' group",
        ActionStatus.IN_PROGRESS,
        75,
        30,
        "Two trusts are piloting backfill for their place leads.",
    ),
]


def build_idea_actions(ics: ICS, admin: User) -> None:
    """Turn the demo's chosen ideas into actions, as an ICS admin would from an idea's page."""
    indicators = {i.key: i for i in indicators_for_plan()}
    ideas = {idea.title: idea for idea in Idea.objects.for_ics(ics).filter(action__isnull=True)}
    for spec in IDEA_ACTIONS:
        idea = ideas.get(spec.idea)
        if idea is not None:
            _idea_action(ics, idea, spec, admin, indicators)


def _idea_action(
    ics: ICS, idea: Idea, spec: DemoIdeaAction, admin: User, indicators: dict[str, Any]
) -> None:
    today = timezone.localdate()
    action = action_create(
        ics=ics,
        details=ActionDetails(
            principle=spec.principle,
            title=spec.title,
            description=idea.description,
            due_on=today + timedelta(days=spec.due_in),
            status=spec.status,
            indicator=indicators.get(spec.indicator),
            owner_name=spec.owner_name,
            idea=idea,
        ),
        by=admin,
    )
    started = today - timedelta(days=spec.started_days_ago)
    Action.objects.filter(pk=action.pk).update(
        created_at=timezone.now() - timedelta(days=spec.started_days_ago + 14),
        started_on=started,
    )
    written = min(started + timedelta(days=21), today)
    progress_note_add(action=action, text=spec.note, by=admin, written_on=written)
