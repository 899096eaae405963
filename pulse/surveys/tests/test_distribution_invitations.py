"""Personal invitations: each person's own single-use link by email, exchanged for the session
at once; one response per invitation; "already answered" for a second attempt; stopping emails;
only hashes stored; everything personal deleted at close."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from pulse.core.tests.html import assert_page_basics, text
from pulse.surveys.models import (
    Distribution,
    EmailStatus,
    InvitationEmail,
    InvitationToken,
    InvitationUse,
    Participant,
    Response,
    ResponseDraft,
)
from pulse.surveys.services.distribution import participants_add
from pulse.surveys.services.invitations import emails_send
from pulse.surveys.services.waves import wave_close
from pulse.surveys.tests.distribution_helpers import (
    committed,
    follow,
    invited_wave,
    links,
    path_of,
    people,
    token_of,
)
from pulse.surveys.tests.respond_helpers import answer_everything, url

pytestmark = pytest.mark.django_db


def test_opening_the_wave_emails_each_person_their_own_link() -> None:
    wave = invited_wave(3)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leader1@example.nhs.uk",
        "leader2@example.nhs.uk",
        "leader3@example.nhs.uk",
    ]
    message = mail.outbox[0]
    assert message.subject == "Pulse check 2027: please share your views"
    assert "NHS Cheshire and Merseyside Integrated Care Board invites you" in message.body
    assert "((" not in message.body + message.subject
    sent = links()
    tokens = {token_of(found[0]) for found in sent.values()}
    assert len(tokens) == 3
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes: 256 bits
    unsubscribe = links("unsubscribe")[message.to[0]][0]
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    statuses = set(InvitationEmail.objects.values_list("status", flat=True))
    assert statuses == {EmailStatus.SENT}
    assert wave.participants.count() == 3


def test_only_the_hash_of_each_token_is_stored() -> None:
    invited_wave(2)
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    stored = set(InvitationToken.objects.values_list("token_hash", flat=True))
    for found in links().values():
        token = token_of(found[0])
        assert token not in dump.getvalue()
        assert hashlib.sha256(token.encode()).hexdigest() in stored


def test_the_link_is_swapped_for_the_session_and_dropped_from_the_address(client: Client) -> None:
    wave = invited_wave(1)
    link = links()["leader1@example.nhs.uk"][0]
    reply = follow(client, link)
    assert reply.status_code == 302
    assert reply["Location"] == url("start", wave)
    assert "token" not in reply["Location"]
    assert reply["Referrer-Policy"] == "no-referrer"
    start = client.get(reply["Location"])
    assert start.status_code == 200
    assert_page_basics(start)
    assert "You were invited by email" in text(start)
    assert token_of(link) not in start.content.decode()


def test_without_an_invitation_a_survey_with_no_open_link_cannot_be_answered(
    client: Client,
) -> None:
    wave = invited_wave(1)
    assert client.get(url("start", wave)).status_code == 404


def test_an_invited_person_answers_once_and_a_second_attempt_says_already_answered(
    client: Client,
) -> None:
    wave = invited_wave(2)
    link = links()["leader1@example.nhs.uk"][0]
    follow(client, link)
    answer_everything(client, wave)
    done = client.post(url("submit", wave), follow=True)
    assert "Your answers have been submitted" in text(done)
    assert Response.objects.filter(wave=wave).count() == 1
    assert InvitationUse.objects.filter(participant__email="leader1@example.nhs.uk").exists()
    assert "respond_invited" not in client.session or not client.session["respond_invited"]
    for browser in (client, Client()):
        again = follow(browser, link)
        page = browser.get(again["Location"])
        assert "You have already answered this survey" in text(page)
        assert "Answers have already been submitted with your personal link" in text(page)
        assert_page_basics(page)


def test_a_second_browser_with_the_same_link_cannot_submit_again() -> None:
    wave = invited_wave(1)
    link = links()["leader1@example.nhs.uk"][0]
    first, second = Client(), Client()
    for browser in (first, second):
        follow(browser, link)
        answer_everything(browser, wave)
    assert first.post(url("submit", wave))["Location"] == url("done", wave)
    reply = second.post(url("submit", wave), follow=True)
    assert "You have already answered this survey" in text(reply)
    assert Response.objects.filter(wave=wave).count() == 1
    assert not ResponseDraft.objects.filter(wave=wave).exists()


def test_a_colleague_on_a_shared_browser_can_still_answer_with_their_own_link(
    client: Client,
) -> None:
    wave = invited_wave(2)
    sent = links()
    follow(client, sent["leader1@example.nhs.uk"][0])
    answer_everything(client, wave)
    client.post(url("submit", wave))
    follow(client, sent["leader2@example.nhs.uk"][0])
    start = client.get(url("start", wave))
    assert "Start now" in text(start)
    answer_everything(client, wave)
    client.post(url("submit", wave))
    assert Response.objects.filter(wave=wave).count() == 2


@pytest.mark.parametrize("query", ["", "?token=", "?token=not-a-real-token", "?token=" + "x" * 500])
def test_a_wrong_or_old_link_gets_a_clear_page(client: Client, query: str) -> None:
    invited_wave(1)
    reply = client.get("/s/invitation/" + query)
    assert reply.status_code == 404
    assert "This link does not work" in text(reply)
    assert_page_basics(reply)
    assert "respond_invited" not in client.session


def test_people_added_while_the_survey_is_open_are_invited_at_once() -> None:
    wave = invited_wave(1)
    with committed():
        participants_add(wave=wave, people=[{"email": "late@example.nhs.uk"}], by=None)
    assert "late@example.nhs.uk" in links()
    assert len(mail.outbox) == 2


def test_stopping_emails_needs_a_confirmation_and_keeps_the_link_working(client: Client) -> None:
    wave = invited_wave(1)
    unsubscribe = links("unsubscribe")["leader1@example.nhs.uk"][0]
    reply = client.get(path_of(unsubscribe))
    assert reply["Location"] == "/s/invitation/stop-emails/"
    assert reply["Referrer-Policy"] == "no-referrer"
    confirm = client.get(reply["Location"])
    assert "Stop emails about this survey" in text(confirm)
    assert_page_basics(confirm)
    assert not Participant.objects.get().opted_out  # a link scanner's GET changes nothing
    done = client.post(reply["Location"])
    assert "You will not get any more emails about this survey" in text(done)
    assert Participant.objects.get().opted_out
    answering = Client()
    follow(answering, links()["leader1@example.nhs.uk"][0])
    assert "Start now" in text(answering.get(url("start", wave)))
    assert client.get("/s/invitation/stop-emails/").status_code == 404


def test_the_wording_reaches_the_emails() -> None:
    from pulse.surveys.services.distribution import distribution_wording_update
    from pulse.surveys.tests.distribution_helpers import draft_wave

    wave = draft_wave(title="Leadership pulse 2027")
    distribution_wording_update(
        wave=wave,
        invitation_subject="((ics_name)) asks for your views",
        invitation_body="Hello. Answer by ((closing_date)): ((link))\nStop: ((unsubscribe_link))",
        reminder_subject="Reminder",
        reminder_body="((link)) ((unsubscribe_link))",
        by=None,
    )
    participants_add(wave=wave, people=people(1), by=None)
    from pulse.surveys.services.waves import wave_open

    with committed():
        wave_open(wave=wave, by=None)
    message = mail.outbox[0]
    closing = wave.closes_on
    assert message.subject == (
        "NHS Cheshire and Merseyside Integrated Care Board asks for your views"
    )
    assert f"Answer by {closing.day} {closing:%B %Y}: http" in message.body


def test_closing_deletes_every_address_and_link_and_keeps_the_counts() -> None:
    wave = invited_wave(12)
    sent = links()
    for address in list(sent)[:10]:
        browser = Client()
        follow(browser, sent[address][0])
        answer_everything(browser, wave)
        browser.post(url("submit", wave))
    with committed():
        wave_close(wave=wave, by=None)
    for model in (Participant, InvitationToken, InvitationEmail, InvitationUse):
        assert not model.objects.exists(), model
    tallies = Distribution.objects.get(wave=wave).tallies
    assert (tallies["invited"], tallies["responded"]) == (12, 10)
    assert tallies["emails"]["invitation"]["sent"] == 12
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "example.nhs.uk" not in dump.getvalue()
    reply = Client().get(path_of(sent["leader1@example.nhs.uk"][0]))
    assert reply.status_code == 404
    assert "This link does not work" in text(reply)


def test_an_invitation_email_is_never_sent_twice() -> None:
    wave = invited_wave(2)
    assert emails_send(wave_id=wave.pk, kind="invitation") == 0
    call_command("send_invitation_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_invitations_wait_for_the_opening_date() -> None:
    today = timezone.localdate()
    wave = invited_wave(2, opens_on=today + timedelta(days=3))
    assert mail.outbox == []
    assert emails_send(wave_id=wave.pk, kind="invitation", today=today + timedelta(days=3)) == 2


def test_answers_saved_with_an_invitation_are_finished_with_the_invitation(
    client: Client,
) -> None:
    from pulse.surveys.tests.respond_helpers import post_section, section_data

    wave = invited_wave(1)
    link = links()["leader1@example.nhs.uk"][0]
    follow(client, link)
    client.post(url("start", wave))
    draft = ResponseDraft.objects.get(wave=wave)
    post_section(client, wave, 1, section_data(wave, 1, {}, ["system"]), action="save")
    saved = client.get(url("saved", wave))
    resume = soup_link(saved)
    # On another device the saved answers come back, but only the invitation lets them finish.
    other = Client()
    reply = other.get(resume, follow=True)
    assert reply.status_code == 403
    assert "Open the link in your invitation email" in text(reply)
    assert_page_basics(reply)
    assert other.post(url("submit", wave)).status_code == 403
    follow(other, link)
    answer = other.post(url("start", wave))
    assert answer.status_code == 302 and ResponseDraft.objects.get(wave=wave).pk == draft.pk
    answer_everything_from(other, wave)
    assert other.post(url("submit", wave))["Location"] == url("done", wave)
    assert InvitationUse.objects.count() == 1 and Response.objects.count() == 1


def soup_link(reply: object) -> str:
    """The path of the resume link shown on the "saved" page."""
    from urllib.parse import urlsplit

    from pulse.core.tests.html import soup

    return urlsplit(soup(reply).select_one("#resume-link").get_text(strip=True)).path


def answer_everything_from(client: Client, wave: object) -> None:
    """Answer every section of a started draft (the first may already be saved)."""
    from pulse.surveys.tests.respond_helpers import post_section, section_data

    for number in range(1, len(wave.definition.sections) + 1):
        draft = ResponseDraft.objects.get(wave=wave)
        data = section_data(wave, number, draft.answers, ["system"])
        if data:
            assert post_section(client, wave, number, data).status_code == 302
