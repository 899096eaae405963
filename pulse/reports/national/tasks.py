"""Background work of the national views: building the national publication and analysts' files."""

from django_tasks import task


@task()
def build_national_publication(version_id: int) -> None:
    """Rebuild the national publication of a standard questionnaire version."""
    from pulse.reports.national.build import national_publication_build
    from pulse.reports.national.selectors import version_by_id

    version = version_by_id(version_id=version_id)
    if version is not None and version.instrument.is_standard:
        national_publication_build(version=version)


@task()
def render_national_file(file_id: int) -> None:
    """Render a requested Excel, CSV or SPSS file of the national table."""
    from pulse.reports.national.files import national_file_render

    national_file_render(file_id=file_id)
