"""Background work of the results app: building publications and rendering report files."""

from django_tasks import task


@task()
def build_publication(wave_id: int) -> None:
    """Build a newly published wave's results (themes included) if they are not built yet."""
    from pulse.reports import selectors
    from pulse.reports.services.publication import publication_ensure

    wave = selectors.wave_by_id(wave_id=wave_id)
    if wave is not None:
        publication_ensure(wave=wave)
        if wave.version.instrument.is_standard:
            from pulse.reports.national.tasks import build_national_publication

            # The national figures (ADR 15) now include this wave: rebuild them next.
            build_national_publication.enqueue(version_id=wave.version_id)


@task()
def render_report_file(report_file_id: int) -> None:
    """Render a requested PDF, Excel or CSV file from the wave's stored publication."""
    from pulse.reports.services.report_files import report_file_render

    report_file_render(report_file_id=report_file_id)
