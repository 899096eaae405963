"""One response per invitation under real concurrency: many browsers holding the same emailed
link submit at the same moment against PostgreSQL; exactly one response is stored and every
other browser is told the survey has already been answered."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from pulse.core.tests.html import text
from pulse.surveys.models import InvitationUse, Response, ResponseDraft
from pulse.surveys.tests.distribution_helpers import follow, invited_wave, links
from pulse.surveys.tests.factories import small_version
from pulse.surveys.tests.respond_helpers import answer_everything, url

BROWSERS = 24


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_with_one_link_store_exactly_one_response() -> None:
    wave = invited_wave(1, version=small_version())
    link = links()["leader1@example.nhs.uk"][0]
    browsers = [Client() for _ in range(BROWSERS)]
    for browser in browsers:
        follow(browser, link)
        answer_everything(browser, wave, layers=["place"])
    barrier = threading.Barrier(BROWSERS)
    pages: list[str] = []

    def submit(browser: Client) -> None:
        try:
            barrier.wait()
            reply = browser.post(url("submit", wave), follow=True)
            pages.append(text(reply))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert connection.vendor == "postgresql"
    assert Response.objects.filter(wave=wave).count() == 1
    assert InvitationUse.objects.count() == 1
    assert len(pages) == BROWSERS
    submitted = [p for p in pages if "Your answers have been submitted" in p]
    already = [p for p in pages if "You have already answered this survey" in p]
    assert (len(submitted), len(already)) == (1, BROWSERS - 1)
    assert not ResponseDraft.objects.filter(wave=wave).exists()
