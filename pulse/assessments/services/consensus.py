"""The consensus: the facilitator records the level (or gateway answer) the panel agreed, why,
and the evidence. Maturing and Thriving, and a gateway "yes" or "partly", need evidence."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pulse.assessments.models import (
    LEVELS_NEEDING_EVIDENCE,
    GatewayAnswer,
    GatewayConsensus,
    GatewayQuestion,
    Indicator,
    IndicatorConsensus,
    Level,
    Round,
    RoundStatus,
)
from pulse.assessments.services._common import audit, clean_link, require_status

NOT_AGREEING = "Levels can only be agreed after the rating stage closes and before the round ends"


def _has_evidence(evidence: str, link: str) -> bool:
    return bool(evidence.strip() or link.strip())


@transaction.atomic
def indicator_consensus_record(
    *,
    round: Round,
    indicator: Indicator,
    level: int,
    rationale: str,
    evidence: str,
    evidence_link: str,
    by: Any,
) -> IndicatorConsensus:
    round = Round.objects.select_for_update().select_related("ics").get(pk=round.pk)
    require_status(round, RoundStatus.CONSENSUS, NOT_AGREEING)
    if indicator.version_id != round.version_id:
        raise ValidationError({"level": "Select an indicator of this round's framework"})
    if level not in Level.values:
        raise ValidationError({"level": "Select the level the panel agreed"})
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter why the panel agreed this level"})
    link = clean_link(evidence_link)
    if level in LEVELS_NEEDING_EVIDENCE and not _has_evidence(evidence, link):
        name = Level(level).label
        raise ValidationError(
            {"evidence": f"Enter the evidence for {name}: the panel cannot agree {name} without it"}
        )
    consensus, _ = IndicatorConsensus.objects.update_or_create(
        round=round,
        indicator=indicator,
        defaults={
            "level": level,
            "rationale": rationale.strip(),
            "evidence": evidence.strip(),
            "evidence_link": link,
            "agreed_by": by if getattr(by, "pk", None) else None,
        },
    )
    audit(round, "assessment_level_agreed", by, indicator=indicator.key, level=level)
    return consensus


@transaction.atomic
def gateway_consensus_record(
    *,
    round: Round,
    question: GatewayQuestion,
    answer: str,
    evidence: str,
    evidence_link: str,
    by: Any,
) -> GatewayConsensus:
    round = Round.objects.select_for_update().select_related("ics").get(pk=round.pk)
    require_status(round, RoundStatus.CONSENSUS, NOT_AGREEING)
    if question.version_id != round.version_id:
        raise ValidationError({"answer": "Select a gateway question of this round's framework"})
    if answer not in GatewayAnswer.values:
        raise ValidationError({"answer": "Select the answer the panel agreed"})
    link = clean_link(evidence_link)
    if answer != GatewayAnswer.NO and not _has_evidence(evidence, link):
        label = GatewayAnswer(answer).label.lower()
        raise ValidationError(
            {"evidence": f"Enter the evidence for answering {label}: a note, a link or both"}
        )
    consensus, _ = GatewayConsensus.objects.update_or_create(
        round=round,
        question=question,
        defaults={
            "answer": answer,
            "evidence": evidence.strip(),
            "evidence_link": link,
            "agreed_by": by if getattr(by, "pk", None) else None,
        },
    )
    audit(round, "assessment_gateway_agreed", by, question=question.key, answer=answer)
    return consensus
