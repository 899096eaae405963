"""What the load and fault runs put in the database and hand to their clients. Needs Django set
up with the bench target (`Target.use_here()` then `django.setup()`).

- `create_wave`: a wave of the standard pulse check in NHS Cheshire and Merseyside, open today,
  with an open link and no access code.
- `journey_plans`: synthetic respondents (`pulse.nonprod.synthetic`, the demo's model of how
  leaders answer) as the form posts a browser would send, section by section.
- `pre_answered`: complete drafts, each held by its own session, so a client can submit at once.
  A draft's free-text answer can carry a marker, so the fault run recognises each submission.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from pulse.nonprod.synthetic import PLACE_POPULATION, WaveModel, synthetic_answers
from pulse.organisations.models import ICS, Place
from pulse.surveys.answers import clean_answers
from pulse.surveys.forms.respond import form_value, page_slots
from pulse.surveys.models import InstrumentVersion, ResponseDraft, Wave, WaveStatus
from pulse.surveys.respondent_session import SESSION_KEY

SLUG = "bench-pulse-check"
MARKER_KEY = "views_one_improvement"
CSRF_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def create_wave(slug: str = SLUG) -> Wave:
    system = ICS.objects.get(ods_code="QYG")
    places = []
    for name in PLACE_POPULATION:
        code = name.lower().replace(" ", "-")
        Place.objects.get_or_create(ics=system, code=code, defaults={"name": name})
        places.append({"code": code, "label": name})
    version = InstrumentVersion.objects.get(
        instrument__key="ccpl-pulse-check", version=1, instrument__ics__isnull=True
    )
    today = timezone.localdate()
    return Wave.objects.create(
        ics=system,
        version=version,
        title="Pulse check (load test)",
        status=WaveStatus.OPEN,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=14),
        open_link_enabled=True,
        open_link_slug=slug,
        places=places,
    )


def answer_sets(wave: Wave, count: int, seed: int = 1) -> list[dict[str, Any]]:
    """`count` synthetic respondents' answers, in stored form (validated like a submission)."""
    rng = random.Random(seed)
    definition, codes = wave.definition, {p["code"] for p in wave.places}
    return [
        clean_answers(
            definition, synthetic_answers(definition, rng, wave.places, WaveModel()), places=codes
        )
        for _ in range(count)
    ]


def journey_plans(wave: Wave, count: int, seed: int = 1) -> list[dict[str, str]]:
    """Each respondent as {section number: the url-encoded body of its "Continue" post}."""
    definition = wave.definition
    plans = []
    for answers in answer_sets(wave, count, seed):
        plan = {}
        for number, section in enumerate(definition.sections, start=1):
            pairs = [
                (slot.key, value)
                for slot in page_slots(definition, answers, section)
                if not slot.is_note
                for value in form_value(answers.get(slot.key))
            ]
            plan[str(number)] = urlencode([*pairs, ("action", "continue")])
        plans.append(plan)
    return plans


def pre_answered(
    wave: Wave, count: int, *, variety: int = 500, markers: bool = False, seed: int = 2
) -> list[dict[str, str]]:
    """`count` complete drafts, each in its own new session, ready to submit.

    Returns, for each, the session key, a CSRF secret for the client to send as both cookie and
    header, the draft id and (with `markers`) the unique text put in its free-text answer.
    """
    sets = answer_sets(wave, variety, seed)
    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    today = timezone.localdate()
    clients, drafts, sessions = [], [], []
    for index in range(count):
        answers = dict(sets[index % variety])
        marker = ""
        if markers:
            marker = f"bench-marker-{uuid.uuid4().hex}"
            answers[MARKER_KEY] = marker
        draft = ResponseDraft(
            wave=wave,
            answers=answers,
            resume_token_hash=uuid.uuid4().hex + uuid.uuid4().hex,
            updated_on=today,
        )
        key = get_random_string(32, VALID_KEY_CHARS)
        data = store.encode({SESSION_KEY: {wave.open_link_slug: str(draft.pk)}})
        drafts.append(draft)
        sessions.append(Session(session_key=key, session_data=data, expire_date=expires))
        clients.append(
            {
                "session": key,
                "csrf": get_random_string(32, CSRF_CHARS),
                "draft": str(draft.pk),
                "marker": marker,
            }
        )
    with transaction.atomic():
        ResponseDraft.objects.bulk_create(drafts, batch_size=1000)
        Session.objects.bulk_create(sessions, batch_size=1000)
    return clients
