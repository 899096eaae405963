"""A known limit, kept in the suite so that it is seen: on PostgreSQL, a database administrator
can link an invited person's response to their invitation during fieldwork.

`draft_submit` marks the invitation used (`InvitationUse`, keyed by the participant) in the
same transaction that inserts the response, because that is what makes one response per
invitation exact (DESIGN.md section 7, ADR 14). PostgreSQL stamps every row with the id of the
transaction that wrote it (the `xmin` system column). The use mark is written in a savepoint of
that transaction, so its `xmin` is a subtransaction id of the response's transaction: here the
next id. Until the wave closes and the participants are deleted (and for as long as backups or
archived write-ahead logs from fieldwork are kept), anyone who can query the tables can join a
response to a participant's email address. No page, export or API exposes this; it is a limit
of "invitations and responses are joined by nothing" (DESIGN.md section 6) at the storage
level, stated in docs/security-and-privacy.md.

The first test states the limit as it is, so that it fails, and the document's paragraph must be
changed, the day the link is removed; the second shows that closing the wave removes it.
"""

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from pulse.surveys.models import Response
from pulse.surveys.services.waves import wave_close
from pulse.surveys.tests.distribution_helpers import follow, invited_wave, links
from pulse.surveys.tests.respond_helpers import answer_everything, url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JOIN = """
    SELECT p.email, r.id
    FROM surveys_invitationuse u
    JOIN surveys_participant p ON p.id = u.participant_id
    JOIN surveys_response r
      ON (u.xmin::text::bigint - r.xmin::text::bigint) BETWEEN 0 AND 1
"""


def answer_as(wave: Any, emails: list[str]) -> dict[str, Any]:
    """Each person answers in turn; returns who wrote which response (known only to the test)."""
    written: dict[str, Any] = {}
    for email in emails:
        before = set(Response.objects.filter(wave=wave).values_list("pk", flat=True))
        browser = Client()
        follow(browser, links()[email][0])
        answer_everything(browser, wave)
        assert browser.post(url("submit", wave)).status_code == 302
        (written[email],) = (
            set(Response.objects.filter(wave=wave).values_list("pk", flat=True)) - before
        )
    return written


def joined() -> list[tuple[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(JOIN)
        return sorted(cursor.fetchall())


def test_during_fieldwork_a_database_administrator_can_join_by_transaction_id() -> None:
    wave = invited_wave(3)
    written = answer_as(wave, ["leader1@example.nhs.uk", "leader3@example.nhs.uk"])
    found = joined()
    # At least one person's response is found, and rightly: the limit is real.
    assert found and all(written.get(email) == response for email, response in found), found


def test_once_the_wave_closes_nothing_joins_a_response_to_a_person() -> None:
    wave = invited_wave(3)
    answer_as(wave, ["leader1@example.nhs.uk", "leader3@example.nhs.uk"])
    assert joined()
    wave_close(wave=wave, by=None)
    assert joined() == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM surveys_response WHERE wave_id = %s", [wave.pk])
        assert cursor.fetchone()[0] == 2
