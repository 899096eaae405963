"""Store framework versions. A version is immutable: storing it again is allowed only with
exactly the same content."""

from typing import Any

from pulse.assessments.framework import Framework, FrameworkError


def framework_store(
    framework: Framework,
    *,
    framework_model: Any,
    version_model: Any,
    principle_model: Any,
    indicator_model: Any,
    gateway_model: Any,
) -> tuple[Any, bool]:
    """Create the framework (if new) and this version with its rows. Takes the model classes so
    that the data migration (historical models) can use it. Returns (version, created)."""
    row, _ = framework_model.objects.get_or_create(
        key=framework.key, defaults={"title": framework.title}
    )
    existing = version_model.objects.filter(framework=row, version=framework.version).first()
    if existing is not None:
        if existing.definition_data != framework.to_dict():
            raise FrameworkError(
                [f"{framework.key} version {framework.version} already exists with other content"]
            )
        return existing, False
    version = version_model.objects.create(
        framework=row, version=framework.version, definition_data=framework.to_dict()
    )
    for number, item in enumerate(framework.gateway):
        gateway_model.objects.create(
            version=version,
            key=item.key,
            position=number,
            title=item.title,
            question=item.question,
            evidence_hint=item.evidence_hint,
        )
    _store_principles(framework, version, principle_model, indicator_model)
    return version, True


def _store_principles(
    framework: Framework, version: Any, principle_model: Any, indicator_model: Any
) -> None:
    position = 0
    for p_index, principle in enumerate(framework.principles):
        principle_row = principle_model.objects.create(
            version=version,
            code=principle.code,
            position=p_index,
            title=principle.title,
            summary=principle.summary,
            pulse_questions=list(principle.pulse_questions),
        )
        for i_index, indicator in enumerate(principle.indicators, start=1):
            indicator_model.objects.create(
                version=version,
                principle=principle_row,
                key=indicator.key,
                position=position,
                number=f"{principle.code}.{i_index}",
                title=indicator.title,
                what_good_looks_like=indicator.what_good_looks_like,
                evidence_examples=indicator.evidence_examples,
                descriptors=dict(indicator.levels),
            )
            position += 1
