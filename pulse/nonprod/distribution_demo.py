"""Demo personal invitations for the open demo wave, so its fieldwork page shows real numbers.

120 synthetic leaders (addresses at the demo domain, with a profession, sector and place drawn
from the synthetic model) are added through the same service an admin's upload uses, their
invitations are "sent" through Django's dummy email backend (recorded as sent, nothing printed),
two reminders are scheduled, and 25 of them are marked as having answered: the demo treats 25 of
the wave's 40 synthetic responses as given through invitations (responses are never linked to
invitations, so nothing else changes). Idempotent: a wave that already has a list is left alone.
"""

import random
from datetime import timedelta

from django.core.mail import get_connection
from django.utils import timezone

from pulse.accounts.models import User
from pulse.nonprod.demo import DEMO_DOMAIN
from pulse.nonprod.surveys_demo import OPEN, SEED
from pulse.nonprod.synthetic import PROFESSIONS, SECTORS_BY_PROFESSION, weighted
from pulse.organisations.models import ICS
from pulse.surveys.models import EmailKind, InvitationUse, Participant, Wave, WaveStatus
from pulse.surveys.services.distribution import distribution_reminders_update, participants_add
from pulse.surveys.services.invitations import emails_send

PEOPLE = 120
ANSWERED = 25
REMINDER_DAYS = (7, 14)


def _people(wave: Wave, rng: random.Random) -> list[dict[str, str]]:
    people = []
    for number in range(1, PEOPLE + 1):
        profession = weighted(rng, PROFESSIONS)
        people.append(
            {
                "email": f"leader{number:03d}@{DEMO_DOMAIN}",
                "profession_group": profession,
                "sector": weighted(rng, SECTORS_BY_PROFESSION[profession]),
                "place": rng.choice(wave.places)["code"] if wave.places else "",
            }
        )
    return people


def build_distribution(ics: ICS, admin: User) -> Wave | None:
    """A participant list for the open demo wave, invited, with some of it answered."""
    wave = Wave.objects.for_ics(ics).filter(title=OPEN.title, status=WaveStatus.OPEN).first()
    if wave is None or Participant.objects.filter(wave=wave).exists():
        return wave
    rng = random.Random(f"{SEED}-invitations")
    participants_add(wave=wave, people=_people(wave, rng), by=admin)
    today = timezone.localdate()
    reminders = [
        today + timedelta(days=d) for d in REMINDER_DAYS if d <= (wave.closes_on - today).days
    ]
    distribution_reminders_update(wave=wave, dates=reminders, by=admin)
    quiet = get_connection("django.core.mail.backends.dummy.EmailBackend")
    emails_send(wave_id=wave.pk, kind=EmailKind.INVITATION, connection=quiet)
    answered = rng.sample(list(Participant.objects.filter(wave=wave)), ANSWERED)
    InvitationUse.objects.bulk_create([InvitationUse(participant=p) for p in answered])
    return wave
