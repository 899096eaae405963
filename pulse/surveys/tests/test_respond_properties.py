"""Whatever is posted to the respondent pages, there is never a server error, and a response is
stored only when the answers are valid (Hypothesis generates the payloads)."""

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pulse.surveys.answers import InvalidAnswers, clean_answers
from pulse.surveys.models import Response, ResponseDraft, Wave
from pulse.surveys.services.responses import draft_save, draft_start
from pulse.surveys.tests.factories import open_wave
from pulse.surveys.tests.respond_helpers import answer_everything, section_data, url

pytestmark = pytest.mark.django_db

PLACES = {"liverpool", "wirral", "halton"}
ABOUT_YOU = {
    "profession_group": "paramedic",
    "sector": "nhs_provider",
    "role_level": "senior",
    "layers": ["system", "place"],
    "place": "wirral",
}
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _keys(wave: Wave) -> st.SearchStrategy[str]:
    real = list(wave.definition.answer_keys())
    return st.one_of(
        st.sampled_from([*real, "action", "csrfmiddlewaretoken", "layers"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    )


_texts = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "4",
            "5",
            "6",
            "9",
            "-1",
            "4.0",
            " 3",
            "continue",
            "save",
            "yes",
            "paramedic",
            "system",
            "place",
            "wirral",
            "prefer_not_to_say",
            "9" * 5000,
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.text(max_size=1, alphabet="x").map(lambda s: s * 6000),
)
_stored_texts = _texts.filter(lambda s: "\x00" not in s)


def _payload(wave: Wave) -> st.SearchStrategy[dict[str, list[str]]]:
    return st.dictionaries(_keys(wave), st.lists(_texts, min_size=1, max_size=3), max_size=12)


def _section_payload(wave: Wave, number: int, data: Any) -> dict[str, list[str]]:
    """Valid answers to the page with some left out, some added and some values replaced."""
    valid = section_data(wave, number, ABOUT_YOU, ["system", "place"])
    base = {k: v if isinstance(v, list) else [v] for k, v in valid.items()}
    base["action"] = [data.draw(st.sampled_from(["continue", "save"]), label="action")]
    dropped = data.draw(st.sets(st.sampled_from(sorted(base))), label="left out")
    added = data.draw(st.one_of(st.just({}), _payload(wave)), label="added")
    return {k: v for k, v in base.items() if k not in dropped} | added


@pytest.fixture
def wave() -> Wave:
    return open_wave()


def _valid_so_far(wave: Wave, answers: dict[str, Any]) -> bool:
    try:
        clean_answers(wave.definition, answers, places=PLACES, complete=False)
    except InvalidAnswers:
        return False
    return True


@SETTINGS
@given(data=st.data())
def test_any_post_to_a_section_is_answered_without_a_server_error(wave: Wave, data: Any) -> None:
    number = data.draw(st.integers(min_value=1, max_value=6), label="section")
    payload = _section_payload(wave, number, data)
    with transaction.atomic():
        draft, _ = draft_start(wave=wave)
        draft = draft_save(draft=draft, answers=ABOUT_YOU, replacing=set())
        before = dict(draft.answers)
        client = Client(raise_request_exception=False)
        session = client.session
        session["respond"] = {wave.open_link_slug: str(draft.pk)}
        session.save()
        response = client.post(url("section", wave, number=number), payload)
        event(f"status {response.status_code}")
        assert response.status_code in (200, 302, 400)
        draft.refresh_from_db()
        if response.status_code == 400:
            assert draft.answers == before
        assert _valid_so_far(wave, draft.answers)
        assert not Response.objects.exists()
        transaction.set_rollback(True)


@SETTINGS
@given(data=st.data())
def test_any_post_to_submit_stores_a_response_only_for_valid_answers(wave: Wave, data: Any) -> None:
    payload = data.draw(st.one_of(st.just({}), _payload(wave)), label="payload")
    answers = data.draw(
        st.one_of(
            st.just("complete"),
            # PostgreSQL's jsonb cannot hold a NUL character, so no stored draft can contain one.
            st.dictionaries(
                _keys(wave).filter(lambda k: "\x00" not in k),
                st.one_of(_stored_texts, st.integers(), st.lists(_stored_texts)),
            ),
        ),
        label="draft answers",
    )
    with transaction.atomic():
        client = Client(raise_request_exception=False)
        if answers == "complete":
            draft = answer_everything(client, wave)
        else:
            draft, _ = draft_start(wave=wave)
            ResponseDraft.objects.filter(pk=draft.pk).update(answers=answers)  # as if corrupted
            session = client.session
            session["respond"] = {wave.open_link_slug: str(draft.pk)}
            session.save()
        draft.refresh_from_db()
        response = client.post(url("submit", wave), payload)
        event(f"status {response.status_code}, stored {Response.objects.count()}")
        assert response.status_code in (302, 400)
        stored = list(Response.objects.all())
        if payload or response.status_code == 400:
            assert not stored
        elif stored:
            assert len(stored) == 1
            assert stored[0].answers == clean_answers(wave.definition, draft.answers, places=PLACES)
        else:
            with pytest.raises(InvalidAnswers):
                clean_answers(wave.definition, draft.answers, places=PLACES)
        if answers == "complete" and not payload:
            assert len(stored) == 1
        transaction.set_rollback(True)
