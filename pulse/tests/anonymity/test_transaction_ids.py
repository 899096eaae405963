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

The test is a strict expected failure: when the link is removed it will pass, fail the run, and
the marker (and the document's paragraph) must go.
"""

import pytest
from django.db import connection
from django.test import Client

from pulse.surveys.tests.distribution_helpers import follow, invited_wave, links
from pulse.surveys.tests.respond_helpers import answer_everything, url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

JOIN = """
    SELECT p.email, r.id
    FROM surveys_invitationuse u
    JOIN surveys_participant p ON p.id = u.participant_id
    JOIN surveys_response r
      ON (u.xmin::text::bigint - r.xmin::text::bigint) BETWEEN 0 AND 1
"""


@pytest.mark.xfail(
    strict=True,
    reason="the invitation's use mark and the response are written by one transaction "
    "(see docs/security-and-privacy.md, 'What a database administrator could see')",
)
def test_a_response_cannot_be_joined_to_its_invitation_by_transaction_id() -> None:
    wave = invited_wave(3)
    answered = {}
    for email in ("leader1@example.nhs.uk", "leader3@example.nhs.uk"):
        browser = Client()
        follow(browser, links()[email][0])
        answer_everything(browser, wave)
        assert browser.post(url("submit", wave)).status_code == 302
        answered[email] = True
    with connection.cursor() as cursor:
        cursor.execute(JOIN)
        joined = cursor.fetchall()
    assert len(answered) == 2
    assert joined == [], f"responses joined to invitations by transaction id: {joined}"
