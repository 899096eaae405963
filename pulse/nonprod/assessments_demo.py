"""Demo culture self-assessment and action plan for the demo ICS.

Two completed rounds a year apart, rated by a panel of three and agreed with evidence, show
plausible movement (involvement and shared learning improve; time and support are claimed at
Maturing while leaders still score them low, a perception gap; recruitment lags). The plan has
actions in every status, some overdue, linked to principles and indicators, started between the
baseline and re-run pulse checks so the results dashboard shows the change since they started.

Everything goes through the services (validated and audited as an ICS admin's work), then dates
are moved into the past, which no service allows. Idempotent: a round or action that already
exists (by title) is left alone.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from pulse.accounts.models import User
from pulse.actions.models import Action, ActionStatus, ProgressNote
from pulse.actions.services import ActionDetails, action_create, progress_note_add
from pulse.assessments import selectors
from pulse.assessments.models import GatewayAnswer, Indicator, PanelMember, Round
from pulse.assessments.services import consensus, ratings, rounds
from pulse.organisations.models import ICS, Membership, Role

SEED = 20260301
PANEL = [
    ("panel-member@demo.example.org", "Chloe Evans"),
    ("priya.shah@demo.example.org", "Dr Priya Shah"),
    ("tom.hughes@demo.example.org", "Tom Hughes"),
]


@dataclass(frozen=True)
class DemoRound:
    title: str
    completed_days_ago: int
    #: Agreed level of every indicator of each principle, in framework order.
    levels: dict[str, list[int]]
    gateway: tuple[str, str]


BASELINE = DemoRound(
    "Culture self-assessment 2025",
    380,
    {
        "P1": [2, 1, 1, 2, 1, 2],
        "P2": [2, 1, 1, 2, 1],
        "P3": [2, 2, 1, 1, 2],
        "P4": [2, 1, 2, 1, 1],
        "P5": [1, 1, 2, 1, 1],
    },
    (GatewayAnswer.PARTLY, GatewayAnswer.NO),
)
RERUN = DemoRound(
    "Culture self-assessment 2026",
    16,
    {
        "P1": [3, 2, 2, 3, 2, 2],
        "P2": [3, 2, 2, 2, 2],
        "P3": [3, 3, 2, 3, 3],
        "P4": [2, 2, 3, 2, 1],
        "P5": [1, 2, 2, 1, 1],
    },
    (GatewayAnswer.YES, GatewayAnswer.PARTLY),
)
EVIDENCE = {
    1: "",
    2: "Some groups have started; terms of reference are being rewritten.",
    3: "Board and forum minutes, attendance records and pulse check results by profession.",
    4: "Independent review of the forum, with leaders' feedback over two years.",
}
GATEWAY_EVIDENCE = {
    GatewayAnswer.YES: "CCPL framework and plan agreed by the ICB board and partners; published on the intranet.",
    GatewayAnswer.PARTLY: "Draft framework agreed with NHS partners; local authorities still to sign it off.",
    GatewayAnswer.NO: "",
}


def _moment(days_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(10)))


def _panel(ics: ICS) -> list[User]:
    people = []
    for email, name in PANEL:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role=Role.PANEL_MEMBER, ics=ics)
        people.append(user)
    return people


def _agreed(spec: DemoRound) -> dict[str, int]:
    version = selectors.latest_framework_version()
    return {
        indicator.key: spec.levels[principle.code][n]
        for principle in selectors.principles_for_version(version=version)
        for n, indicator in enumerate(principle.indicators.all())
    }


def _rate(round: Round, user: User, agreed: dict[str, int], rng: random.Random) -> None:
    """One panel member's own view: mostly the agreed level, sometimes one either side."""
    seat = PanelMember.objects.select_related("round__version").get(round=round, user=user)
    items = []
    for indicator in Indicator.objects.filter(version=round.version):
        level = min(4, max(1, agreed[indicator.key] + rng.choice([-1, 0, 0, 0, 1])))
        note = EVIDENCE[level] if rng.random() < 0.6 else ""
        items.append(
            ratings.IndicatorInput(indicator, level, rng.choice(["low", "medium", "high"]), note)
        )
    ratings.indicator_ratings_save(panel_member=seat, ratings=items)
    answers = [
        ratings.GatewayInput(
            q, rng.choice([GatewayAnswer.PARTLY, GatewayAnswer.YES]), "Board papers"
        )
        for q in selectors.gateway_for_version(version=round.version)
    ]
    ratings.gateway_ratings_save(panel_member=seat, answers=answers)
    ratings.ratings_submit(panel_member=seat, by=user)


def _agree(round: Round, spec: DemoRound, agreed: dict[str, int], admin: User) -> None:
    for indicator in Indicator.objects.filter(version=round.version):
        level = agreed[indicator.key]
        consensus.indicator_consensus_record(
            round=round,
            indicator=indicator,
            level=level,
            rationale="Agreed at the panel's consensus meeting after weighing the evidence.",
            evidence=EVIDENCE[level],
            evidence_link="https://www.example.nhs.uk/ccpl/evidence" if level >= 3 else "",
            by=admin,
        )
    questions = selectors.gateway_for_version(version=round.version)
    for question, answer in zip(questions, spec.gateway, strict=True):
        consensus.gateway_consensus_record(
            round=round,
            question=question,
            answer=answer,
            evidence=GATEWAY_EVIDENCE[answer],
            evidence_link="",
            by=admin,
        )


def _build_round(
    ics: ICS, spec: DemoRound, admin: User, panel: list[User], rng: random.Random
) -> Round:
    round = rounds.round_open(
        ics=ics,
        title=spec.title,
        rating_deadline=timezone.localdate(),
        panel=panel,
        by=admin,
    )
    agreed = _agreed(spec)
    for user in panel:
        _rate(round, user, agreed, rng)
    round = rounds.round_close_rating(round=round, by=admin)
    _agree(round, spec, agreed, admin)
    completed_on = timezone.localdate() - timedelta(days=spec.completed_days_ago)
    round = rounds.round_complete(round=round, by=admin, completed_on=completed_on)
    Round.objects.filter(pk=round.pk).update(
        created_at=_moment(spec.completed_days_ago + 35),
        rating_deadline=completed_on - timedelta(days=14),
        rating_closed_at=_moment(spec.completed_days_ago + 12),
    )
    PanelMember.objects.filter(round=round).update(
        submitted_at=_moment(spec.completed_days_ago + 16)
    )
    return round


def build_rounds(ics: ICS, admin: User) -> list[Round]:
    """The two completed rounds, oldest first."""
    panel = _panel(ics)
    rng = random.Random(SEED)
    out = []
    for spec in (BASELINE, RERUN):
        existing = Round.objects.for_ics(ics).filter(title=spec.title).first()
        out.append(existing or _build_round(ics, spec, admin, panel, rng))
    return out


@dataclass(frozen=True)
class DemoAction:
    title: str
    principle: str
    indicator: str
    question: str
    owner: str  # a name, or "" for the ICS admin
    due_in: int
    status: str
    started_days_ago: int | None
    notes: tuple[tuple[int, str], ...] = ()


ACTIONS = [
    DemoAction(
        "Give every place leadership group seats for social care and allied health professions",
        "P1",
        "p1_professions_in_decisions",
        "p1_all_professions",
        "Director of Nursing and Care",
        60,
        ActionStatus.IN_PROGRESS,
        300,
        (
            (280, "Terms of reference rewritten for Liverpool and Wirral."),
            (90, "Six of nine places have filled the new seats."),
        ),
    ),
    DemoAction(
        "Publish what changed after each system leadership forum",
        "P1",
        "p1_frontline_views",
        "p1_frontline_views",
        "",
        -100,
        ActionStatus.DONE,
        330,
        ((120, "A 'you said, we did' page is published after every forum."),),
    ),
    DemoAction(
        "Map clinical and care leadership at neighbourhood level",
        "P1",
        "p1_every_layer",
        "",
        "Primary care networks' clinical directors",
        -20,
        ActionStatus.NOT_STARTED,
        None,
    ),
    DemoAction(
        "Run a quarterly cross-sector learning event",
        "P2",
        "p2_learning_together",
        "p2_shared_learning",
        "CCPL forum",
        30,
        ActionStatus.IN_PROGRESS,
        250,
        ((200, "First event held in Warrington: 85 leaders from 30 organisations."),),
    ),
    DemoAction(
        "Co-design two service changes with patients and community groups",
        "P2",
        "p2_patients_communities",
        "p2_patients_communities",
        "Healthwatch Liverpool",
        -60,
        ActionStatus.DROPPED,
        280,
        ((150, "Dropped: folded into the place partnerships' engagement plans."),),
    ),
    DemoAction(
        "Write protected time for place clinical and care leads into job plans",
        "P3",
        "p3_protected_time",
        "p3_protected_time",
        "",
        -10,
        ActionStatus.IN_PROGRESS,
        200,
        (
            (160, "Agreed in principle by the chief executives."),
            (40, "Two trusts have changed job plans; others are waiting for funding."),
        ),
    ),
    DemoAction(
        "Give leaders access to the shared population health dashboard",
        "P3",
        "p3_data_and_analysis",
        "p3_data_analysis",
        "Head of Business Intelligence",
        -30,
        ActionStatus.DONE,
        240,
        ((45, "Access granted to 180 leaders; training sessions run monthly."),),
    ),
    DemoAction(
        "Open the system leadership programme to social care and VCSE leaders",
        "P4",
        "p4_learning_alongside",
        "p4_learn_alongside",
        "Leadership and OD team",
        90,
        ActionStatus.IN_PROGRESS,
        150,
        ((60, "A third of the spring cohort is from social care and the voluntary sector."),),
    ),
    DemoAction(
        "Publish the development offer for leaders at every level",
        "P4",
        "p4_development_offer",
        "p4_development_offer",
        "Leadership and OD team",
        120,
        ActionStatus.NOT_STARTED,
        None,
    ),
    DemoAction(
        "Advertise every system clinical and care role openly, with diverse panels",
        "P5",
        "p5_open_recruitment",
        "p5_roles_advertised",
        "",
        -5,
        ActionStatus.IN_PROGRESS,
        120,
        ((30, "Recruitment policy redrafted; panels' diversity now recorded."),),
    ),
    DemoAction(
        "Start a shadowing scheme for aspiring leaders from under-represented groups",
        "P5",
        "p5_diverse_pipeline",
        "p5_new_talent_encouraged",
        "Race equality network",
        150,
        ActionStatus.NOT_STARTED,
        None,
    ),
]


def _add_action(ics: ICS, spec: DemoAction, admin: User, indicators: dict[str, Indicator]) -> None:
    today = timezone.localdate()
    action = action_create(
        ics=ics,
        details=ActionDetails(
            principle=spec.principle,
            title=spec.title,
            due_on=today + timedelta(days=spec.due_in),
            status=spec.status,
            indicator=indicators[spec.indicator],
            question_key=spec.question,
            owner=None if spec.owner else admin,
            owner_name=spec.owner,
        ),
        by=admin,
    )
    created = spec.started_days_ago + 20 if spec.started_days_ago else 60
    Action.objects.filter(pk=action.pk).update(
        created_at=_moment(created),
        started_on=today - timedelta(days=spec.started_days_ago) if spec.started_days_ago else None,
    )
    for days_ago, text in spec.notes:
        progress_note_add(
            action=action, text=text, by=admin, written_on=today - timedelta(days=days_ago)
        )
    ProgressNote.objects.filter(action=action).update(
        created_at=_moment(spec.notes[-1][0]) if spec.notes else _moment(0)
    )


def build_plan(ics: ICS, admin: User) -> None:
    version = selectors.latest_framework_version()
    indicators = {i.key: i for i in Indicator.objects.filter(version=version)}
    titles = set(Action.objects.for_ics(ics).values_list("title", flat=True))
    for spec in ACTIONS:
        if spec.title not in titles:
            _add_action(ics, spec, admin, indicators)


def build_assessments(ics: ICS, admin: User) -> None:
    """Called by `build_demo`: the two rounds, then the plan."""
    build_rounds(ics, admin)
    build_plan(ics, admin)
