"""What expires in surveys: drafts, leftover participant data and staged imports."""

from django.db.models import Q

from pulse.core.retention import Purge, cutoff_date


def purges() -> list[Purge]:
    from pulse.surveys.models import Participant, ResponseDraft, ResultsUpload, WaveStatus

    return [
        Purge(
            "drafts",
            "Unfinished survey answers (drafts)",
            lambda cutoff: ResponseDraft.objects.filter(
                Q(updated_on__lt=cutoff_date(cutoff)) | ~Q(wave__status=WaveStatus.OPEN)
            ),
        ),
        Purge(
            "participants",
            "Participant emails and invitation links of surveys no longer open",
            lambda cutoff: Participant.objects.exclude(
                wave__status__in=[WaveStatus.DRAFT, WaveStatus.OPEN]
            ).filter(wave__closed_at__lt=cutoff),
        ),
        Purge(
            "result_uploads",
            "Uploaded results from other survey tools not yet imported",
            lambda cutoff: ResultsUpload.objects.filter(created_at__lt=cutoff),
        ),
    ]
