"""Hypothesis-generated form posts: no bad input produces a server error, and a refused post
changes nothing (DESIGN.md section 7).

Every URL pattern of the site (the Django admin and the JSON API aside: the admin is Django's
own and Schemathesis covers the API) is posted to, with its URL filled from one world of objects
in Cheshire and Merseyside, by the kind of user who uses it: a signed-in person holding every
role of the ICS (and national analyst), or an anonymous respondent who has started the survey.
A pattern that refuses POST must say 405. For the others, Hypothesis posts dictionaries made of
the field names of the page's real form plus random ones, with values of every awkward kind:
unicode, NUL characters, very long text, numbers, lists, files and nothing. Each reply must be
below 500, and when it is a 4xx or the form comes back with an error summary, no row of any
table may have changed.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulse.actions.tests.factories import add_action
from pulse.api.services import api_token_create
from pulse.assessments.tests.factories import indicators, open_round
from pulse.ideas.tests.factories import ChallengeFactory, CommentFactory, IdeaFactory, stages
from pulse.organisations.models import AllowedEmailDomain, Membership, Role
from pulse.organisations.tests.factories import (
    MembershipFactory,
    PartnerFactory,
    PlaceFactory,
    ics,
    member,
)
from pulse.reports.services.publication import publication_build
from pulse.reports.tests.builders import LOCAL_QUESTIONS, run_wave
from pulse.surveys.models import ResultsUpload, Wave, WaveStatus
from pulse.surveys.services.distribution import participants_add
from pulse.surveys.tests.factories import open_wave

EXAMPLES = 6
SKIPPED_PREFIXES = ("django-admin/", "api/")
#: Tables that change on any request, refused or not: sessions and sign-in attempt records.
VOLATILE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
#: URL names answered by someone who is not signed in.
ANONYMOUS = {
    "accounts:sign_in",
    "accounts:sign_in_code",
    "accounts:password_reset",
    "accounts:password_reset_confirm",
    "ideas:sign_in",
    "ideas:confirm_sign_in",
    "ideas:follow_link",
}
#: URL names that work on a wave in a given state (the others use the draft wave).
WAVE_FOR = {
    "surveys:close_wave": "open",
    "surveys:show_fieldwork": "open",
    "surveys:upload_results": "closed",
    "surveys:map_result_columns": "closed",
    "surveys:map_result_answers": "closed",
    "surveys:preview_results": "closed",
    "surveys:publish_wave": "closed",
}


def _patterns(resolvers: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:  # fmt: skip
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name


ROUTES = sorted(
    {
        name: route
        for route, name in _patterns(get_resolver().url_patterns)
        if not route.startswith(SKIPPED_PREFIXES)
    }.items()
)


@dataclass
class World:
    kwargs: dict[str, Any]
    waves: dict[str, Wave]
    person: Any


def _build_world() -> World:
    system = ics()
    person = member(Role.ICS_ADMIN, full_name="Fuzz Tester", email="fuzz@wirral.nhs.uk")
    for role in (Role.IDEA_MODERATOR, Role.PANEL_MEMBER, Role.STAFF):
        Membership.objects.create(user=person, role=role, ics=system)
    Membership.objects.create(user=person, role=Role.NATIONAL_ANALYST)
    today = timezone.localdate()
    draft = open_wave(
        status=WaveStatus.DRAFT,
        opens_on=today + timedelta(days=2),
        closes_on=today + timedelta(days=30),
        open_link_slug="fuzz-draft",
        local_questions=LOCAL_QUESTIONS,
    )
    participants_add(wave=draft, people=[{"email": "leader@wirral.nhs.uk"}], by=None)
    live = open_wave(open_link_slug="fuzz-open")
    closed = open_wave(status=WaveStatus.CLOSED, open_link_slug="fuzz-closed")
    upload = ResultsUpload.objects.create(
        wave=closed,
        filename="results.csv",
        columns=[{"index": 0, "heading": "How do you feel?", "kind": "answer"}],
        rows=[{"line": 2, "values": {"0": "Agree"}}],
    )
    published = run_wave(title="Fuzz published", improvement=0.0, responses=25, closed_days_ago=3, seed="fuzz")  # fmt: skip
    publication_build(wave=published)
    stages()
    challenge = ChallengeFactory()
    idea = IdeaFactory(challenge=challenge, author=person)
    comment = CommentFactory(idea=idea, author=member(Role.STAFF))
    round_ = open_round(panel=[person], admin=person)
    indicator = indicators()[0]
    _, _secret = api_token_create(user=person, name="Fuzz", valid_days=None)
    kwargs = {
        "ics_code": system.url_code,
        "wave_id": draft.pk,
        "place_id": PlaceFactory().pk,
        "partner_id": PartnerFactory().pk,
        "membership_id": MembershipFactory(role=Role.ICS_VIEWER).pk,
        "token_id": person.api_tokens.first().pk,
        "participant_id": draft.participants.first().pk,
        "upload_id": upload.pk,
        "version_id": draft.version_id,
        "key": LOCAL_QUESTIONS[0]["key"],
        "round_id": round_.pk,
        "panel_member_id": round_.panel.first().pk,
        "code": indicator.principle.code,
        "action_id": add_action(by=person).pk,
        "challenge_id": challenge.pk,
        "idea_id": idea.pk,
        "comment_id": comment.pk,
        "kind": "idea",
        "post_id": idea.pk,
        "stage_id": stages()["New"].pk if "New" in stages() else next(iter(stages().values())).pk,
        "domain_id": AllowedEmailDomain.objects.create(ics=system, domain="wirral.nhs.uk").pk,
        "slug": live.open_link_slug,
        "number": 1,
        "token": "not-a-real-token",
        "uidb64": "MQ",
        "region_code": system.region.code,
        "benchmark_id": 1,
        "file_format": "xlsx",
    }
    return World(kwargs, {"draft": draft, "open": live, "closed": closed, "published": published}, person)  # fmt: skip


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module; every post runs in a savepoint that is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def fill(route: str, name: str, world: World) -> str:
    """The route with its parameters filled from the world."""
    path = "/" + route
    kwargs = dict(world.kwargs)
    kwargs["wave_id"] = world.waves[WAVE_FOR.get(name, "draft")].pk
    if name.startswith("reports:"):
        kwargs["wave_id"] = world.waves["published"].pk
    if name.startswith("assessments:") and "key" in route:
        kwargs["key"] = indicators()[0].key
    for key, value in kwargs.items():
        for converter in ("int", "slug", "str", "path", "uuid", ""):
            tag = f"<{converter}:{key}>" if converter else f"<{key}>"
            path = path.replace(tag, str(value))
    assert "<" not in path, f"{name}: no value for a parameter of {route}"
    return path


def client_for(name: str, world: World, path: str) -> Client:
    client = Client()
    if name.startswith("respond:"):
        client.post(f"/s/{world.kwargs['slug']}/", {})  # a respondent who has started
    elif name not in ANONYMOUS:
        client.force_login(world.person)
    return client


def field_names(client: Client, path: str) -> list[str]:
    """The names of the fields and buttons of the page's main form, if it shows one."""
    reply = client.get(path)
    if reply.status_code != 200 or "html" not in reply.get("Content-Type", ""):
        return []
    page = BeautifulSoup(reply.content, "html.parser")
    names = {
        tag["name"]
        for tag in page.select("main form [name]")
        if tag.get("name") and tag["name"] != "csrfmiddlewaretoken"
    }
    return sorted(names)


def snapshot() -> str:
    """A digest of every row of every table (the volatile ones aside)."""
    digest = hashlib.sha256()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in VOLATILE or not model._meta.managed:
            continue
        rows = model._default_manager.order_by("pk").values_list()
        digest.update(f"{model._meta.db_table}:{list(rows)!r}".encode())
    return digest.hexdigest()


AWKWARD = st.sampled_from(
    ["", " ", "\x00", "a\x00b", "x" * 20_000, "-1", "0", "1e309", "NaN", "99999999999999999999",
     "2026-02-30", "31/12/2026", "<script>alert(1)</script>", "=1+1", "../../etc/passwd",
     "on", "true", "continue", "save", "💥" * 300, "\u202e\ufeff\u200b", "ＡＢＣ", "%00", "null"]
)  # fmt: skip
VALUE = st.one_of(
    AWKWARD,
    st.text(max_size=40),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.lists(st.one_of(AWKWARD, st.text(max_size=10)), max_size=3),
    st.binary(max_size=300).map(lambda b: SimpleUploadedFile("upload.csv", b)),
)


def posts(names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=12)) if names else st.text(min_size=1, max_size=12)  # fmt: skip
    return st.dictionaries(keys, VALUE, max_size=len(names) + 3)


def is_refusal(reply: Any) -> bool:
    if 400 <= reply.status_code < 500:
        return True
    if reply.status_code == 200 and "html" in reply.get("Content-Type", ""):
        return b"nhsuk-error-summary" in reply.content
    return False


def _copy(value: Any) -> Any:
    """A fresh file for each post (a posted file is read to its end)."""
    if isinstance(value, SimpleUploadedFile):
        return SimpleUploadedFile(value.name, value.read() if value.tell() == 0 else b"")
    return value


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[n for n, _ in ROUTES])
def test_no_generated_post_causes_a_server_error_and_a_refused_one_changes_nothing(
    world: World, name: str, route: str
) -> None:
    path = fill(route, name, world)
    cache.clear()
    first = client_for(name, world, path).post(path, {})
    assert first.status_code < 500, f"{name}: an empty POST gave {first.status_code}"
    if first.status_code == 405:
        return  # this page does not take posts, and says so
    names = field_names(client_for(name, world, path), path)
    shared = client_for(name, world, path)  # signed in once: signing in changes last_login
    before = snapshot()  # each post is rolled back, so every one starts from this state

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=posts(names))
    def post(data: dict[str, Any]) -> None:
        cache.clear()  # rate limits are tested elsewhere
        with transaction.atomic():
            client, start = shared, before
            if name.startswith("respond:"):  # a new respondent, whose draft is a new row
                client = client_for(name, world, path)
                start = snapshot()
            reply = client.post(path, {k: _copy(v) for k, v in data.items()})
            assert reply.status_code < 500, f"{name} gave {reply.status_code} for {data!r}"[:2000]
            if is_refusal(reply):
                assert snapshot() == start, f"{name} refused {data!r} but changed a row"[:2000]
            transaction.set_rollback(True)

    post()


def test_every_route_is_posted_to() -> None:
    """The URLconf is enumerated, not listed by hand: a new form is fuzzed without a change."""
    names = {n for n, _ in ROUTES}
    assert {
        "surveys:create_wave",
        "respond:section",
        "ideas:add_idea",
        "actions:add_action",
    } <= names
    assert len(ROUTES) > 100
    assert not any(n.startswith(("admin:", "api:")) for n in names)
