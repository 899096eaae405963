"""What expires in reports: rendered files, which can be prepared again at any time."""

from pulse.core.retention import Purge


def purges() -> list[Purge]:
    from pulse.actions.models import PlanFile
    from pulse.assessments.models import RoundFile
    from pulse.reports.models import ReportFile

    return [
        Purge(
            "report_files",
            "Prepared report files (PDF, Excel, CSV)",
            lambda cutoff: ReportFile.objects.filter(created_at__lt=cutoff),
        ),
        Purge(
            "round_files",
            "Prepared self-assessment report files",
            lambda cutoff: RoundFile.objects.filter(created_at__lt=cutoff),
        ),
        Purge(
            "plan_files",
            "Prepared action plan files",
            lambda cutoff: PlanFile.objects.filter(created_at__lt=cutoff),
        ),
    ]
