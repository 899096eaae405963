"""The authorisation matrix (DESIGN.md section 7: every ICS-owned object is reachable only by
members of that ICS, tested for every URL and role).

Every URL pattern of the site and every operation of the API must have a rule in
`authorisation_policy.py`; then, for each rule, every caller asks for the page of their own
system, of the other system and of their own system with the other system's object IDs, and
gets what the rule says. A refused POST must change nothing. The data (two systems with a full
set of objects each) is built once for the module; every request runs in a savepoint that is
rolled back, so no request sees another's changes.
"""

import copy
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pulse.ideas.services.moderation import post_hide
from pulse.organisations.models import ICS
from pulse.tests.authorisation_policy import (
    ACCOUNT,
    ADMIN_SIGN_IN,
    API,
    API_PREFIX,
    COVER_OTHER,
    DEFAULT_ARGS,
    DJANGO_ADMIN,
    EVERYONE,
    ICS_PAGE,
    LET_IN,
    NOT_ALLOWED,
    PUBLIC,
    REGION,
    SIGN_IN,
    SURVEY,
    URLS,
    Ref,
    Rule,
    Upload,
)
from pulse.tests.authorisation_world import (
    ADMIN,
    ADMIN_NO_MFA,
    ANONYMOUS,
    CALLERS,
    DJANGO_STAFF,
    GIVEN,
    MODERATOR,
    NATIONAL,
    OTHER,
    PLATFORM,
    REGIONAL,
    RESPONDENT,
    STAFF,
    TOKEN_CALLERS,
    Side,
    World,
    build_world,
    signed_in,
)

pytestmark = pytest.mark.django_db

OWN_CONTEXT, OTHER_CONTEXT, CROSS_CONTEXT = "own system", "other system", "own system, other's IDs"
MFA_EXEMPT = ("/static/", "/sign-in/", "/sign-out/")
REFUSALS = {SIGN_IN, ADMIN_SIGN_IN, 401, 403, 404, NOT_ALLOWED, 410, 500}


# --- the data, once for the module --------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    # Each refusal would log a "Forbidden" warning with its traceback: thousands of them.
    quiet = logging.getLogger("django.request")
    with django_db_blocker.unblock(), override_settings(PULSE_MFA_REQUIRED=True), transaction.atomic():  # fmt: skip
        built = build_world()
        built.clients = {name: signed_in(built, name) for name in CALLERS}
        quiet.disabled = True
        try:
            yield built
        finally:
            quiet.disabled = False
            transaction.set_rollback(True)


# --- enumerating the URL patterns and the API operations --------------------------------------


def _walk(patterns: list[Any], prefix: str = "", namespace: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:  # fmt: skip
    """(route, name) of every URL pattern, through includes and namespaces; unnamed patterns
    are named by their route."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, ":".join((*namespace, pattern.name)) if pattern.name else route


def _openapi_path(route: str) -> str:
    return "/" + route.replace("<", "{").replace(">", "}")


def _schema() -> dict[str, Any]:
    reply = Client().get("/api/openapi.json")
    assert reply.status_code == 200
    return reply.json()


#: Every named URL's route, for its arguments' names.
ROUTES = {name: route for route, name in _walk(get_resolver().url_patterns)}


def test_every_url_pattern_has_a_rule_and_every_rule_a_url_pattern() -> None:
    patterns = list(_walk(get_resolver().url_patterns))
    api_paths = set(_schema()["paths"])
    missing = []
    for route, name in patterns:
        if route.startswith(DJANGO_ADMIN) or name in URLS:
            continue
        if route.startswith(API_PREFIX) and _openapi_path(route) in api_paths:
            continue  # an API operation: checked against API below
        missing.append(f"{name} (/{route})")
    assert not missing, f"URL patterns with no rule in authorisation_policy.URLS: {missing}"
    names = {name for _, name in patterns}
    stale = sorted(set(URLS) - names)
    assert not stale, f"rules in authorisation_policy.URLS for URLs that no longer exist: {stale}"


def test_every_api_operation_has_a_rule_and_every_rule_an_operation() -> None:
    operations = {op["operationId"] for path in _schema()["paths"].values() for op in path.values()}
    missing = sorted(operations - set(API))
    assert not missing, f"API operations with no rule in authorisation_policy.API: {missing}"
    stale = sorted(set(API) - operations)
    assert not stale, f"rules in authorisation_policy.API for operations that do not exist: {stale}"


def test_the_walk_finds_patterns_inside_includes_and_namespaces() -> None:
    names = {name for _, name in _walk(get_resolver().url_patterns)}
    assert {"core:start", "ideas:show_idea", "respond:section", "api:get_me"} <= names


# --- what the policy says --------------------------------------------------------------------


def expected(rule: Rule, caller: str, context: str, path: str, method: str) -> int | str:
    """What `caller` gets under `rule` in `context` (see the policy module's docstring)."""
    if caller == ADMIN_NO_MFA and not path.startswith(MFA_EXEMPT):
        return SIGN_IN
    if method == "GET" and rule.ok is None:
        return NOT_ALLOWED
    ok = (LET_IN if rule.post_ok is None else rule.post_ok) if method == "POST" else rule.ok
    assert ok is not None
    if rule.scope == PUBLIC:
        return ok if caller in rule.allowed else rule.refused
    if rule.scope == SURVEY:
        answering = rule.allowed == EVERYONE or (caller in rule.allowed and context == OWN_CONTEXT)
        return ok if answering else rule.refused
    if caller in (ANONYMOUS, RESPONDENT):
        return SIGN_IN
    own = ok if caller in rule.allowed else rule.also.get(caller, rule.refused)
    if context == OWN_CONTEXT:
        return own
    if rule.scope == ACCOUNT:
        return 404 if caller in rule.allowed else own  # another person's token
    if context == OTHER_CONTEXT:
        return own if caller in COVER_OTHER else 403
    return 404 if caller in rule.allowed or caller in rule.also else 403  # cross


def outcome(reply: HttpResponse) -> int | str:
    if reply.status_code == 302:
        location = reply["Location"]
        if location.startswith(reverse("accounts:sign_in")):
            return SIGN_IN
        if location.startswith(reverse("admin:login")):
            return ADMIN_SIGN_IN
    return reply.status_code


# --- making the requests ---------------------------------------------------------------------


def _value(world: World, side: Side, caller: str, ref: str) -> str:
    """A URL argument: a literal (`=pdf`), or an object of the side by name (`wave_draft`,
    `wave_open.open_link_slug`)."""
    if ref.startswith("="):
        return ref[1:]
    name, _, attribute = ref.partition(".")
    if name == "ics":
        return side.ics.url_code
    if name == "region":
        return side.ics.region.code.lower()
    if name == "benchmark":
        return str(world.benchmark_id)
    if name == "token":
        owner = caller if caller in world.tokens else ADMIN  # no token of their own: anyone's
        return str(world.tokens[owner if side is world.own else OTHER].pk)
    found = side.objects[name]
    value = getattr(found, attribute) if attribute else found
    return str(value.pk if isinstance(value, Model) else value)


def _is_object(side: Side, ref: str) -> bool:
    found = side.objects.get(ref.partition(".")[0])
    return isinstance(found, Model) or ref == "token"


def _kwarg_names(name: str) -> list[str]:
    route = ROUTES[name]
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def url_args(name: str, rule: Rule) -> dict[str, str]:
    """Each argument of the URL and the object it names: the rule's, or the default for an
    argument of that name. An argument with neither fails, naming it."""
    found = {}
    for arg in _kwarg_names(name):
        ref = rule.args.get(arg, DEFAULT_ARGS.get(arg))
        assert ref is not None, f"{name}: no object for <{arg}>: add it to DEFAULT_ARGS or the rule"
        found[arg] = ref
    return found


def _url(world: World, name: str, rule: Rule, caller: str, context: str) -> str:
    if "/" in name:  # an unnamed pattern, named by its route: the API's catch-all
        return "/api/no-such-thing"
    own, other = world.own, world.other
    side = other if context == OTHER_CONTEXT else own
    kwargs = {}
    for arg, ref in url_args(name, rule).items():
        from_side = other if context == CROSS_CONTEXT and _is_object(own, ref) else side
        kwargs[arg] = _value(world, from_side, caller, ref)
    return reverse(name, kwargs=kwargs)


def contexts(world: World, name: str, rule: Rule) -> list[str]:
    args = url_args(name, rule)
    if rule.scope == ICS_PAGE:
        named = [ref for arg, ref in args.items() if arg != "ics_code"]
        crossed = any(_is_object(world.own, ref) for ref in named)
        return [OWN_CONTEXT, OTHER_CONTEXT] + ([CROSS_CONTEXT] if crossed else [])
    if rule.scope in (REGION, SURVEY) or "token_id" in args:
        return [OWN_CONTEXT, OTHER_CONTEXT]
    return [OWN_CONTEXT]


def _count_query() -> str:
    tables = sorted(
        m._meta.db_table
        for m in apps.get_models()
        # The platform's tables and the second-factor devices (a refused post must not add
        # or remove an authenticator); not sessions, which signing out rightly changes.
        if m.__module__.startswith(("pulse.", "django_otp."))
        and m._meta.managed
        and not m._meta.proxy
    )
    return " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {t}" for t in tables)  # noqa: S608


def fingerprint(world: World, name: str, rule: Rule) -> dict[str, Any]:
    """Row counts of every table of the platform, and every field of both systems, of the
    objects the URL names and of those the post watches: a refused POST must leave all of them
    as they were."""
    with connection.cursor() as cursor:
        cursor.execute(_count_query())
        counts = dict(cursor.fetchall())
    objects = {}
    watched = list(rule.post.watch) if rule.post else []
    for side in (world.own, world.other):
        refs = [*url_args(name, rule).values(), *watched] if "/" not in name else []
        named = [side.objects[ref.partition(".")[0]] for ref in refs if _is_object(side, ref) and ref != "token"]  # fmt: skip
        for found in [side.ics, *named]:
            row = type(found)._default_manager.filter(pk=found.pk).first()
            objects[f"{type(found).__name__} {found.pk}"] = row and model_to_dict(row)
    return {"counts": counts, "objects": objects}


def posted(world: World, side: Side, data: dict[str, object]) -> dict[str, Any]:
    """The rule's data as the browser sends it: objects named by `Ref` as their IDs in the
    system the URL is for, and a new file for each `Upload`."""
    sent: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Ref):
            sent[key] = _value(world, side, "", value.name)
        elif isinstance(value, Upload):
            sent[key] = SimpleUploadedFile(value.name, value.content)
        else:
            sent[key] = value
    return sent


@contextmanager
def _sent(
    client: Client,
    method: str,
    path: str,
    data: dict[str, Any],
    given: Callable[[], None] | None = None,
) -> Iterator[HttpResponse]:
    """Make the request in a savepoint that is rolled back once the caller has looked at the
    reply, and give the browser back its cookies: no request sees another's changes (a sign-out,
    the MFA middleware's signing out, a post that was let in). `given` sets the state the
    request is made in, inside the same savepoint."""
    saved = copy.deepcopy(client.cookies)
    with transaction.atomic():
        if given is not None:
            given()
        yield client.post(path, data) if method == "POST" else client.get(path)
        transaction.set_rollback(True)
    client.cookies = saved


@dataclass(frozen=True)
class Asked:
    """One request of the matrix: who asked, in which context, how and where."""

    caller: str
    context: str
    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.caller}, {self.context}, {self.method} {self.path}"


def _check(world: World, name: str, rule: Rule) -> list[str]:
    problems = []
    before = fingerprint(world, name, rule) if rule.post else None

    def given() -> None:
        """The rule's state for both systems, and the fingerprint taken in it."""
        nonlocal before
        for side in (world.own, world.other):
            GIVEN[rule.given](side)
        before = fingerprint(world, name, rule) if rule.post else None

    methods = ["GET"] + (["POST"] if rule.post else [])
    for caller in CALLERS:
        client = world.clients[caller]
        for context in contexts(world, name, rule):
            path = _url(world, name, rule, caller, context)
            side = world.other if context == OTHER_CONTEXT else world.own
            for method in methods:
                asked = Asked(caller, context, method, path)
                want = expected(rule, caller, context, path, method)
                data = posted(world, side, rule.post.data) if rule.post and method == "POST" else {}  # fmt: skip
                state = given if rule.given else None
                with _sent(client, method, path, data, state) as reply:
                    problem = _judge(world, name, rule, asked, want, outcome(reply), before)
                if problem:
                    problems.append(f"{asked}: {problem}")
    return problems


def _judge(
    world: World, name: str, rule: Rule, asked: Asked, want: Any, got: Any, before: Any
) -> str:
    """What is wrong with the reply (`got`), or "" (called before the request is rolled back)."""
    if got == 500:
        return "server error"
    if want != LET_IN:
        if got != want:
            return f"expected {want}, got {got}"
        if asked.method == "POST" and fingerprint(world, name, rule) != before:
            return "refused, but the post changed something"
        return ""
    if got in REFUSALS:
        return f"expected to be let in, got {got}"
    assert rule.post is not None
    if (asked.caller, asked.context) == (rule.post.changes_by, OWN_CONTEXT) and fingerprint(
        world, name, rule
    ) == before:
        return "let in, but the post changed nothing (check the policy's data)"
    return ""


@pytest.mark.parametrize("name", sorted(URLS))
def test_each_page_lets_in_exactly_the_callers_its_rule_names(world: World, name: str) -> None:
    problems = _check(world, name, URLS[name])
    assert not problems, f"{name}:\n" + "\n".join(problems)


# --- the API -------------------------------------------------------------------------------


def _api_paths() -> dict[str, str]:
    return {
        op["operationId"]: path for path, ops in _schema()["paths"].items() for op in ops.values()
    }


def _api_expected(rule: Rule, caller: str, context: str) -> int:
    if caller not in TOKEN_CALLERS:
        return 401
    own = 200 if caller in rule.allowed else int(rule.refused)
    if context == OWN_CONTEXT:
        return own
    if context == OTHER_CONTEXT:
        return own if caller in COVER_OTHER else int(rule.refused)
    return 404 if caller in rule.allowed else int(rule.refused)  # cross: not in this system


def _api_contexts(world: World, rule: Rule) -> list[str]:
    if "ics_code" in rule.args or "instrument_id" in rule.args:
        crossed = "wave_id" in rule.args
        return [OWN_CONTEXT, OTHER_CONTEXT] + ([CROSS_CONTEXT] if crossed else [])
    return [OWN_CONTEXT]


def _api_url(world: World, template: str, rule: Rule, context: str) -> str:
    side = world.other if context == OTHER_CONTEXT else world.own
    path = template
    for arg, ref in rule.args.items():
        from_side = world.other if context == CROSS_CONTEXT and arg == "wave_id" else side
        path = path.replace("{" + arg + "}", _value(world, from_side, "", ref))
    return path


@pytest.mark.parametrize("operation", sorted(API))
def test_each_api_operation_answers_exactly_the_callers_its_rule_names(
    world: World, operation: str
) -> None:
    rule, problems = API[operation], []
    template = _api_paths()[operation]
    for caller in [ANONYMOUS, *TOKEN_CALLERS]:
        secret = world.secrets.get(caller)
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        for context in _api_contexts(world, rule):
            path = _api_url(world, template, rule, context)
            with transaction.atomic():
                got = Client().get(path, headers=headers).status_code
                transaction.set_rollback(True)
            want = _api_expected(rule, caller, context)
            if got != want:
                problems.append(f"{caller}, {context}, GET {path}: expected {want}, got {got}")
    assert not problems, f"{operation}:\n" + "\n".join(problems)


# --- the Django admin (one rule for the whole prefix) --------------------------------------

ADMIN_PAGES = ["/django-admin/", "/django-admin/organisations/ics/", "/django-admin/accounts/user/"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_the_django_admin_is_for_verified_platform_admins_only(world: World, path: str) -> None:
    """Platform admins with a verified second factor get in; staff who are not superusers see
    the index with nothing on it and no model; anyone else is sent to the admin's sign-in."""
    problems = []
    for caller in CALLERS:
        if caller == PLATFORM:
            want: int | str = 200
        elif caller == DJANGO_STAFF:
            want = 200 if path == ADMIN_PAGES[0] else 403
        elif caller == ADMIN_NO_MFA:
            want = SIGN_IN
        else:
            want = ADMIN_SIGN_IN
        with _sent(world.clients[caller], "GET", path, {}) as reply:
            got = outcome(reply)
        if got != want:
            problems.append(f"{caller}: expected {want}, got {got}")
    assert not problems, f"{path}:\n" + "\n".join(problems)


def _api_items(world: World, caller: str, path: str) -> list[dict[str, Any]]:
    headers = {"Authorization": f"Bearer {world.secrets[caller]}"}
    reply = Client().get(f"{path}?page_size=200", headers=headers)
    assert reply.status_code == 200, (caller, path, reply.status_code)
    return reply.json()["items"]


def test_api_lists_hold_only_what_the_callers_roles_cover(world: World) -> None:
    """Lists are not refused, so what they hold is the check: a member sees their own system
    (and its own questionnaires), a regional analyst their region's, a national analyst and a
    platform admin all, a Django staff user none; nobody sees another system's questionnaire
    unless their scope covers it."""
    own, other = world.own.ics, world.other.ics
    in_region = set(ICS.objects.filter(region=own.region).values_list("ods_code", flat=True))
    every = set(ICS.objects.values_list("ods_code", flat=True))
    covers = {name: {own.ods_code} for name in TOKEN_CALLERS}
    covers.update({REGIONAL: in_region, NATIONAL: every, PLATFORM: every, DJANGO_STAFF: set()})
    problems = []
    for caller in TOKEN_CALLERS:
        systems = {s["code"] for s in _api_items(world, caller, "/api/systems")}
        if systems != covers[caller]:
            problems.append(f"{caller}: systems {sorted(systems)}, expected {sorted(covers[caller])}")  # fmt: skip
        local = {i["system"] for i in _api_items(world, caller, "/api/instruments") if i["system"]}
        if not local <= covers[caller] or (other.ods_code in local) != (other.ods_code in covers[caller]):  # fmt: skip
            problems.append(f"{caller}: questionnaires of {sorted(local)}")
    assert not problems, "\n".join(problems)


# --- a survey by personal invitation only ----------------------------------------------------


def test_a_survey_by_invitation_only_opens_only_in_the_browser_that_followed_its_link(
    world: World,
) -> None:
    """No account decides who answers: only the invitee's browser, and only for the survey
    its link was for. Everyone else, whatever their role, finds no survey there (404)."""
    own_wave, other_wave = world.own.objects["wave_invited"], world.other.objects["wave_invited"]
    own_start = reverse("respond:start", kwargs={"slug": own_wave.open_link_slug})
    other_start = reverse("respond:start", kwargs={"slug": other_wave.open_link_slug})
    invitee = Client()
    with transaction.atomic():
        assert outcome(invitee.get(world.own.objects["invitation_link"])) == 302
        assert invitee.get(own_start).status_code == 200
        assert invitee.get(other_start).status_code == 404
        transaction.set_rollback(True)
    problems = []
    for caller in CALLERS:
        want = SIGN_IN if caller == ADMIN_NO_MFA else 404
        for path in (own_start, other_start):
            with _sent(world.clients[caller], "GET", path, {}) as reply:
                if outcome(reply) != want:
                    problems.append(f"{caller}, GET {path}: expected {want}, got {outcome(reply)}")  # fmt: skip
    assert not problems, "\n".join(problems)


# --- a hidden idea -----------------------------------------------------------------------------


def test_a_hidden_idea_is_found_only_by_its_author_and_the_moderators(world: World) -> None:
    """Hiding narrows who finds an idea within its own system: readers who are neither its
    author nor a moderator get "Page not found", as if it did not exist."""
    idea, moderator = world.own.objects["idea"], world.users[MODERATOR]
    path = reverse("ideas:show_idea", kwargs={"ics_code": world.own.ics.url_code, "idea_id": idea.pk})  # fmt: skip
    finders = {STAFF, MODERATOR, ADMIN, PLATFORM}  # the author, and those who moderate
    problems = []
    with transaction.atomic():
        post_hide(post=idea, reason="Names a colleague", by=moderator)
        for caller in CALLERS:
            rule = URLS["ideas:show_idea"]
            want = expected(rule, caller, OWN_CONTEXT, path, "GET")
            if want == 200 and caller not in finders:
                want = 404
            with _sent(world.clients[caller], "GET", path, {}) as reply:
                if outcome(reply) != want:
                    problems.append(f"{caller}: expected {want}, got {outcome(reply)}")
        transaction.set_rollback(True)
    assert not problems, "\n".join(problems)
