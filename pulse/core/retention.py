"""Retention: personal and temporary data is deleted once its period ends (issue 10).

Each app lists what expires in its own `retention.py` as `purges() -> list[Purge]`; this module
collects them, so adding a kind of data means adding its rule beside its model. Periods come
from settings (`PULSE_RETENTION_DAYS`, listed in `.env.example`) and are documented in
`docs/security-and-privacy.md`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class Purge:
    """One kind of expiring data: `expired(cutoff)` returns what is past its period."""

    key: str
    description: str
    expired: Callable[[datetime], QuerySet]


def retention_days(key: str) -> int:
    return int(settings.PULSE_RETENTION_DAYS[key])


def cutoff_for(key: str, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=retention_days(key))


def cutoff_date(moment: datetime) -> date:
    return timezone.localdate(moment)


def all_purges() -> list[Purge]:
    """Every app's purges, in app order."""
    purges: list[Purge] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.retention")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.retention":
                raise
            continue
        purges.extend(module.purges())
    return purges


def purge_expired(*, dry_run: bool = False, now: datetime | None = None) -> dict[str, int]:
    """Delete (or, with `dry_run`, only count) everything past its retention period."""
    counts: dict[str, int] = {}
    for purge in all_purges():
        with transaction.atomic():
            expired = purge.expired(cutoff_for(purge.key, now))
            counts[purge.key] = expired.count() if dry_run else expired.delete()[0]
    return counts


def purges() -> list[Purge]:
    """Core's own expiring data: the audit log, sessions, finished tasks and sign-in records."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    from pulse.core.models import AuditEntry

    return [
        Purge(
            "audit_entries",
            "Audit log entries",
            lambda cutoff: AuditEntry.objects.filter(created_at__lt=cutoff),
        ),
        Purge(
            "sessions",
            "Expired sessions (sign-ins and saved survey places)",
            lambda cutoff: Session.objects.filter(expire_date__lt=cutoff),
        ),
        Purge(
            "task_results",
            "Finished background tasks",
            lambda cutoff: DBTaskResult.objects.filter(finished_at__lt=cutoff),
        ),
        Purge(
            "sign_in_records",
            "Failed sign-in attempts counting towards a lockout (email and IP address)",
            lambda cutoff: AccessAttempt.objects.filter(attempt_time__lt=cutoff),
        ),
        Purge(
            "sign_in_logs",
            "Records of successful sign-ins (email and IP address)",
            lambda cutoff: AccessLog.objects.filter(attempt_time__lt=cutoff),
        ),
        Purge(
            "sign_in_failure_logs",
            "Records of failed sign-ins (email and IP address)",
            lambda cutoff: AccessFailureLog.objects.filter(attempt_time__lt=cutoff),
        ),
    ]
