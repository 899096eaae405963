"""Pages no other journey reaches, opened one by one as the person who uses them, so that axe
and the page checks cover them too: the footer's pages, password reset, the account and its API
tokens, people, partners and places, a survey's settings and removal pages, benchmark consent,
an idea's change page, an expired resume link, an emailed invitation and unsubscribe link, and
the platform's audit log."""

import pytest
from playwright.sync_api import Page, expect

from pulse.accounts.tests.factories import PASSWORD
from pulse.surveys.tests.distribution_helpers import invited_wave, links, path_of
from pulse.tests.system.conftest import check_page
from pulse.tests.test_form_fuzz import ROUTES, World, _build_world, fill

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC = [
    "core:privacy",
    "core:cookies",
    "core:accessibility",
    "accounts:password_reset",
    "accounts:password_reset_sent",
    "accounts:password_set_done",
]
SIGNED_IN = [
    "accounts:account",
    "accounts:list_api_tokens",
    "accounts:add_api_token",
    "accounts:revoke_api_token",
    "organisations:list_members",
    "organisations:add_member",
    "organisations:remove_member",
    "organisations:list_partners",
    "organisations:add_partner",
    "organisations:edit_partner",
    "organisations:remove_partner",
    "organisations:edit_place",
    "organisations:remove_place",
    "surveys:edit_wave",
    "surveys:edit_reminders",
    "surveys:remove_local_question",
    "surveys:remove_participant",
    "surveys:close_wave",
    "reports:edit_benchmark_consent",
    "ideas:edit_idea",
    "core:audit_log",
]
#: Pages that answer with an error page on purpose, and its status.
ERROR_PAGES = {"respond:resume": 404, "accounts:password_reset_confirm": 200}


def _path(world: World, name: str) -> str:
    return fill(dict(ROUTES)[name], name, world)


def _open(page: Page, path: str, status: int = 200) -> None:
    reply = page.goto(path)
    assert reply is not None and reply.status == status, f"{path}: {reply and reply.status}"
    check_page(page)


def test_every_other_page_passes_the_page_checks(page: Page) -> None:
    world = _build_world()
    world.person.is_superuser = True  # a platform admin too, for the audit log
    world.person.save(update_fields=["is_superuser"])
    invited_wave(1)
    # An emailed link opens the survey's start page; an unsubscribe link asks to confirm.
    page.goto(path_of(links()["leader1@example.nhs.uk"][0]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_page(page)
    page.goto(path_of(links("unsubscribe")["leader1@example.nhs.uk"][0]))
    expect(page.get_by_role("button")).not_to_have_count(0)
    check_page(page)
    for name in PUBLIC:
        _open(page, _path(world, name))
    for name, status in ERROR_PAGES.items():
        _open(page, _path(world, name), status)

    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(world.person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    for name in SIGNED_IN:
        _open(page, _path(world, name))
