"""Store instrument versions. Versions are immutable: the same version can only be stored again
with exactly the same definition."""

from typing import Any

from django.db import transaction

from pulse.core.services import audit_record
from pulse.organisations.models import ICS
from pulse.surveys.definition import Definition, DefinitionError, Problem


def store_definition(
    definition: Definition,
    *,
    instrument_model: Any,
    version_model: Any,
    section_model: Any,
    question_model: Any,
    ics: Any = None,
    created_by: Any = None,
) -> tuple[Any, bool]:
    """Create the instrument (if new) and this version with its sections and questions.

    Takes the model classes so the data migration (historical models) and the import command
    share it. Returns (version, created). Storing an existing version again is allowed only
    when the definition is identical.
    """
    instrument, _ = instrument_model.objects.get_or_create(
        key=definition.key, ics=ics, defaults={"title": definition.title}
    )
    existing = version_model.objects.filter(
        instrument=instrument, version=definition.version
    ).first()
    if existing is not None:
        if existing.definition_data != definition.to_dict():
            raise DefinitionError(
                (
                    Problem(
                        location="version",
                        message=(
                            f"{definition.key} version {definition.version} already exists with "
                            "different questions. Versions cannot be changed: give this one a new version number."
                        ),
                    ),
                )
            )
        return existing, False
    version = version_model.objects.create(
        instrument=instrument,
        version=definition.version,
        definition_data=definition.to_dict(),
        created_by=created_by,
    )
    if instrument.title != definition.title:
        instrument.title = definition.title
        instrument.save(update_fields=["title"])
    position = 0
    for s_index, section in enumerate(definition.sections):
        section_row = section_model.objects.create(
            version=version,
            key=section.key,
            position=s_index,
            title=section.title,
            intro=section.intro or "",
        )
        for question in section.questions:
            question_model.objects.create(
                version=version,
                section=section_row,
                key=question.key,
                position=position,
                type=question.type,
                text=question.text,
                hint=question.hint or "",
                required=question.required,
                options=[o.to_dict() for o in question.options],
                show_if=question.show_if.to_dict() if question.show_if else None,
                construct=question.construct or "",
                principle=question.principle or "",
                layer=question.layer or "",
                reverse=question.reverse,
                dimension=question.dimension or "",
                equality=question.equality,
            )
            position += 1
    return version, True


@transaction.atomic
def instrument_version_create(
    *, definition: Definition, ics: ICS | None = None, by: Any = None
) -> tuple[Any, bool]:
    """Store a version (from YAML or an XLSForm workbook) for an ICS, or as a standard one."""
    from pulse.surveys.models import Instrument, InstrumentVersion, Question, Section

    version, created = store_definition(
        definition,
        instrument_model=Instrument,
        version_model=InstrumentVersion,
        section_model=Section,
        question_model=Question,
        ics=ics,
        created_by=by if getattr(by, "pk", None) else None,
    )
    if created:
        audit_record(
            actor=by,
            action="instrument_version_imported",
            target=version,
            ics_code=ics.ods_code if ics else "",
            details={"key": definition.key, "version": definition.version},
        )
    return version, created
