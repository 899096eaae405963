"""Writes owned by the core app: the audit log and outgoing email."""

from typing import Any

from django.db import models, transaction

from pulse.core.models import AuditEntry
from pulse.core.tasks import send_email


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_label: str = "",
    ics_code: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record an admin action. `actor` is a user or None for the system itself."""
    if target is not None:
        target_type = target_type or target._meta.label
        target_label = target_label or str(target)[:300]
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "system",
        action=action,
        target_type=target_type,
        target_id=str(target.pk) if target is not None else "",
        target_label=target_label,
        ics_code=ics_code,
        details=details or {},
    )


def email_send_later(*, to: list[str], subject: str, body: str) -> None:
    """Queue an email for the background worker once the current transaction commits."""

    def enqueue() -> None:
        send_email.enqueue(to=to, subject=subject, body=body)

    transaction.on_commit(enqueue)
