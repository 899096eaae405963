"""Two integrated care systems with a full set of objects each, and one signed-in person per
role, for the authorisation matrix (`test_authorisation_matrix.py`).

"Own" is QYG (Cheshire and Merseyside, North West), the system every caller belongs to or
covers; "other" is QWO (West Yorkshire, North East and Yorkshire), built the same way by its own
admin and staff. The published waves and the national benchmark come from
`national_data()`; everything else is made here through the services or the test factories.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from pulse.accounts.models import User
from pulse.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from pulse.actions.tests.factories import add_action
from pulse.api.models import ApiToken
from pulse.api.services import api_token_create
from pulse.assessments import selectors as assessment_selectors
from pulse.assessments.models import GatewayRating, IndicatorRating, PanelMember, Round, RoundStatus
from pulse.assessments.services import rounds
from pulse.assessments.tests.factories import (
    agree_all,
    completed_round,
    open_round,
    rate_all,
    seat_of,
)
from pulse.ideas.models import Notification, Report, Stage
from pulse.ideas.services.domains import email_domain_add
from pulse.ideas.services.ideas import comment_create, idea_create, idea_support, report_create
from pulse.ideas.services.moderation import post_hide
from pulse.ideas.services.stages import stage_defaults_ensure
from pulse.ideas.tests.factories import ChallengeFactory
from pulse.organisations.models import ICS, Membership, Region, Role
from pulse.organisations.tests.factories import PartnerFactory, PlaceFactory
from pulse.organisations.tests.factories import ics as ics_by_code
from pulse.reports.tests.national_builders import national_data
from pulse.surveys.models import Wave, WaveStatus
from pulse.surveys.services.distribution import participants_add
from pulse.surveys.services.results import results_columns_update, results_upload_create
from pulse.surveys.tests.distribution_helpers import LINK, invited_wave, path_of
from pulse.surveys.tests.factories import open_wave, small_version
from pulse.surveys.tests.respond_helpers import answer_everything

OWN, OTHER = "QYG", "QWO"

# Who makes a request. ICS roles are members of the own system; analysts' scope covers it.
ANONYMOUS = "anonymous"
RESPONDENT = "respondent"  # no account: a browser that has started the own open survey
STAFF = "staff"
MODERATOR = "idea moderator"
PANEL = "panel member"
VIEWER = "ICS viewer"
ADMIN = "ICS admin"
ADMIN_NO_MFA = "ICS admin without second factor"
REGIONAL = "regional analyst"
NATIONAL = "national analyst"
PLATFORM = "platform admin"
DJANGO_STAFF = "Django staff, not superuser"

ICS_CALLERS = {STAFF: Role.STAFF, MODERATOR: Role.IDEA_MODERATOR, PANEL: Role.PANEL_MEMBER,
               VIEWER: Role.ICS_VIEWER, ADMIN: Role.ICS_ADMIN, ADMIN_NO_MFA: Role.ICS_ADMIN}  # fmt: skip
CALLERS = [ANONYMOUS, RESPONDENT, STAFF, MODERATOR, PANEL, VIEWER, ADMIN, ADMIN_NO_MFA,
           REGIONAL, NATIONAL, PLATFORM, DJANGO_STAFF]  # fmt: skip
#: Callers with an account (and so an API token); the one without a second factor is left out:
#: it cannot sign in to make a token.
TOKEN_CALLERS = [STAFF, MODERATOR, PANEL, VIEWER, ADMIN, REGIONAL, NATIONAL, PLATFORM, DJANGO_STAFF]  # fmt: skip

LOCAL_KEY = "local_team"
LOCAL_QUESTION = {"key": LOCAL_KEY, "type": "free_text", "text": "Which team are you in?", "required": False}  # fmt: skip
RESULTS_CSV = b"Which layers do you work at?,I feel valued.\nPlace,Agree\nSystem,Disagree\n"
#: The closed wave's upload in progress: an export that answers every question the small
#: survey requires of someone at place, so that it can be imported.
COMPLETE_CSV = (
    b"Which layers do you work at?,Which place do you work in?,Anything more?,"
    b"Years in a leadership role,I am involved in decisions.,I feel valued.\n"
    b"Place,Wirral,No,12,Agree,Agree\n"
)


@dataclass
class Side:
    """One system and its objects, by name (see `build_side`)."""

    ics: ICS
    objects: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    own: Side
    other: Side
    users: dict[str, User]
    #: API tokens: each caller's own, and the other system's admin's (under OTHER).
    tokens: dict[str, ApiToken]
    secrets: dict[str, str]
    benchmark_id: int
    clients: dict[str, Client] = field(default_factory=dict)


def _user(role: Role | None, ics: ICS | None = None, region: Region | None = None, **extra: Any) -> User:  # fmt: skip
    user = UserFactory(**extra)
    if role is not None:
        Membership.objects.create(user=user, role=role, ics=ics, region=region)
    return user


def _waves(side: Side, admin: User, published: Wave) -> None:
    ics, code = side.ics, side.ics.ods_code.lower()
    today = timezone.localdate()
    draft = open_wave(ods_code=ics.ods_code, title="Draft pulse check", status=WaveStatus.DRAFT,
                      open_link_slug=f"{code}-draft", local_questions=[LOCAL_QUESTION])  # fmt: skip
    live = open_wave(ods_code=ics.ods_code, title="Open pulse check", open_link_slug=f"{code}-open")
    small = small_version(ics)
    closed = open_wave(version=small, ods_code=ics.ods_code, title="Closed consultation",
                       status=WaveStatus.CLOSED, open_link_slug=f"{code}-closed",
                       opens_on=today - timedelta(days=40), closes_on=today - timedelta(days=2))  # fmt: skip
    people = [{"email": f"leader{i}@{code}.example.nhs.uk"} for i in range(3)]
    participants_add(wave=draft, people=people, by=admin)
    participants_add(wave=live, people=people, by=admin)
    upload = results_upload_create(wave=closed, name="export.csv", data=COMPLETE_CSV, by=admin)
    # Two questions share that text: the heading alone cannot say which layer's it is.
    columns = {0: "layers", 1: "place", 2: "more", 3: "years", 4: "involved__place", 5: "valued"}
    upload = results_columns_update(upload=upload, column_map=columns, date_column=None, by=admin)
    sent = len(mail.outbox)
    invited = invited_wave(count=1, ics=ics, title="Pulse check by invitation only")
    link = LINK.findall(mail.outbox[sent].body)[0]
    side.objects.update(
        wave_draft=draft,
        wave_open=live,
        wave_closed=closed,
        wave_published=published,
        participant=draft.participants.order_by("pk").first(),
        upload=upload,
        version=small,
        wave_invited=invited,
        invitation_link=path_of(link),
    )


def _assessments(side: Side, admin: User, panel: User) -> None:
    code = side.ics.ods_code
    done = completed_round(ods_code=code, admin=admin, title="Self-assessment 2025")
    agreeing = open_round(panel=[panel], ods_code=code, admin=admin)
    rate_all(agreeing, panel)
    agreeing = rounds.round_close_rating(round=agreeing, by=admin)
    agree_all(agreeing, admin)  # every level agreed: the round can be completed
    version = agreeing.version
    side.objects.update(
        round_completed=done,
        round_agreeing=agreeing,
        seat=seat_of(agreeing, panel),
        indicator_key=assessment_selectors.principles_for_version(version=version)[0]
        .indicators.first()
        .key,
        gateway_key=assessment_selectors.gateway_for_version(version=version)[0].key,
    )


def _ideas(side: Side, admin: User, staff: User, moderator: User) -> None:
    ics = side.ics
    stages: list[Stage] = stage_defaults_ensure(ics=ics)
    challenge = ChallengeFactory(ics=ics, title=f"Challenge of {ics.short_name}")
    idea = idea_create(challenge=challenge, author=staff, title="Protected time for leaders",
                       description="Two hours a month.", principles=["P3"], anonymous=False)  # fmt: skip
    comment = comment_create(idea=idea, author=moderator, body="Good idea.", anonymous=False)
    report_create(reporter=moderator, reason="Off topic", idea=idea)
    idea_support(idea=idea, user=moderator)
    hidden = comment_create(idea=idea, author=staff, body="Ask Dr Jones.", anonymous=False)
    post_hide(post=hidden, reason="Names a colleague", by=moderator)
    domain = email_domain_add(ics=ics, domain=f"{ics.ods_code.lower()}.example.nhs.uk", by=admin)
    side.objects.update(
        challenge=challenge,
        idea=idea,
        comment=comment,
        comment_hidden=hidden,
        notification=Notification.objects.for_ics(ics).filter(user=staff).first(),
        stage=stages[-1],
        domain=domain,
        report=Report.objects.get(idea=idea),
    )


def build_side(code: str, published: Wave, callers: dict[str, User] | None = None) -> Side:
    """A system with places, partners, people, waves in every state, rounds, an action plan
    and ideas. `callers` are the own system's members; the other system gets its own."""
    ics = ics_by_code(code)
    side = Side(ics=ics)
    users = callers or {name: _user(role, ics) for name, role in ICS_CALLERS.items()}
    admin = users[ADMIN]
    spare = Membership.objects.create(user=UserFactory(), role=Role.ICS_VIEWER, ics=ics)
    side.objects.update(
        place=PlaceFactory(ics=ics),
        partner=PartnerFactory(ics=ics),
        membership=spare,
        action=add_action(ods_code=code, by=admin),
    )
    _waves(side, admin, published)
    _assessments(side, admin, users[PANEL])
    _ideas(side, admin, users[STAFF], users[MODERATOR])
    side.objects["admin"] = admin
    return side


def _callers(own: ICS) -> dict[str, User]:
    users = {name: _user(role, own) for name, role in ICS_CALLERS.items()}
    users[REGIONAL] = _user(Role.REGIONAL_ANALYST, region=own.region)
    users[NATIONAL] = _user(Role.NATIONAL_ANALYST)
    users[PLATFORM] = _user(None, is_superuser=True, is_staff=True)
    users[DJANGO_STAFF] = _user(None, is_staff=True)
    return users


def build_world() -> World:
    national = national_data()
    own_ics, other_ics = ics_by_code(OWN), ics_by_code(OTHER)
    assert own_ics.region_id != other_ics.region_id
    users = _callers(own_ics)
    own = build_side(OWN, national.rerun, users)
    other = build_side(OTHER, national.others[OTHER])
    tokens, secrets = {}, {}
    for name in TOKEN_CALLERS:
        tokens[name], secrets[name] = api_token_create(user=users[name], name=name, valid_days=30)
    other_admin = other.objects["admin"]
    tokens[OTHER], secrets[OTHER] = api_token_create(user=other_admin, name="other", valid_days=30)
    return World(own, other, users, tokens, secrets, national.publication.pk)


def _round_rating(side: Side) -> None:
    """The round agreeing levels is back in its rating stage (its panel member's ratings still
    submitted): a system runs one round at a time, so the world cannot hold both for good."""
    round_id = side.objects["round_agreeing"].pk
    Round.objects.filter(pk=round_id).update(status=RoundStatus.RATING, rating_closed_at=None)


def _panel_rating(side: Side) -> None:
    """As `_round_rating`, and the panel member has not submitted their ratings yet."""
    _round_rating(side)
    PanelMember.objects.filter(pk=side.objects["seat"].pk).update(submitted_at=None)


def _panel_not_started(side: Side) -> None:
    """As `_panel_rating`, and the panel member has not rated anything yet."""
    _panel_rating(side)
    seat = side.objects["seat"].pk
    IndicatorRating.objects.filter(panel_member=seat).delete()
    GatewayRating.objects.filter(panel_member=seat).delete()


def _no_round_running(side: Side) -> None:
    """The round agreeing levels is completed, so the system can open a new one."""
    today = timezone.localdate()
    Round.objects.filter(pk=side.objects["round_agreeing"].pk).update(
        status=RoundStatus.COMPLETED, completed_on=today
    )


#: States a rule can ask for (`Rule.given`), set for both systems inside each request's
#: savepoint, so that they are rolled back with it.
GIVEN = {
    "a round is being rated": _round_rating,
    "the panel member is rating": _panel_rating,
    "the panel member has not started rating": _panel_not_started,
    "no round is running": _no_round_running,
}


def signed_in(world: World, name: str) -> Client:
    """A browser for the caller: signed in, with the second factor verified unless the caller
    is the admin who has not given one; the respondent has answered every question of the own
    open survey (their draft is the own system's `respondent_draft`)."""
    client = Client()
    if name == RESPONDENT:
        # Every question answered, so that the survey can be submitted.
        draft = answer_everything(client, world.own.objects["wave_open"])
        world.own.objects["respondent_draft"] = draft
    elif name != ANONYMOUS:
        user = world.users[name]
        client.force_login(user)
        if name != ADMIN_NO_MFA:
            device = TOTPDeviceFactory(user=user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client
