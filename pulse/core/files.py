"""Files prepared in the background: exports are never made inside a request (DESIGN.md section 4).

A prepared file is asked for (queued), rendered by a task after the request's transaction commits,
then downloaded as many times as wanted until someone asks for it again. `PreparedFile` holds
what every such file stores; an app's model adds what the file is of (a challenge, a round...)
and its format. `file_state` says, for the downloads page, where the file is.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from pulse.core.formatting import nhs_date

logger = logging.getLogger(__name__)


class FileStatus(models.TextChoices):
    QUEUED = "queued", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class PreparedFile(models.Model):
    status = models.CharField(max_length=10, choices=FileStatus.choices, default=FileStatus.QUEUED)
    content = models.BinaryField(default=b"", blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    def queue(self, *, by: Any) -> None:
        """Empty the file and mark it as waiting for the task (the caller holds its row lock)."""
        self.status, self.content, self.size = FileStatus.QUEUED, b"", 0
        self.created_at, self.completed_at = timezone.now(), None
        self.requested_by = by if getattr(by, "pk", None) else None
        self.save()

    def store(self, render: Callable[[], bytes], **also: Any) -> None:
        """Render and keep the content (and the fields in `also`); a failure is logged and
        recorded on the file, then raised for the task's log."""
        try:
            content = render()
        except Exception:
            logger.exception("Preparing the file %s (%s) failed", self.pk, self)
            type(self)._default_manager.filter(pk=self.pk).update(
                status=FileStatus.FAILED, completed_at=timezone.now()
            )
            raise
        self.content, self.size = content, len(content)
        self.status, self.completed_at = FileStatus.READY, timezone.now()
        for name, value in also.items():
            setattr(self, name, value)
        self.save(update_fields=["content", "size", "status", "completed_at", *also])

    @property
    def is_ready(self) -> bool:
        return self.status == FileStatus.READY


def file_state(
    prepared: PreparedFile | None,
    *,
    noun: str,
    changed_at: datetime | None = None,
    changes: str = "There have been changes since",
) -> dict[str, str]:
    """What a downloads page says about one file: none yet, being prepared, failed, ready or
    ready but older than the data it shows (`changed_at`)."""
    if prepared is None:
        return {"state": "none", "text": f"No {noun} has been prepared yet."}
    if prepared.status == FileStatus.QUEUED:
        return {
            "state": "queued",
            "text": f"The {noun} is being prepared. Refresh the page in a minute.",
        }
    if prepared.status == FileStatus.FAILED:
        return {"state": "failed", "text": f"The {noun} could not be prepared. Try again."}
    made = nhs_date(prepared.completed_at, with_time=True)
    if changed_at is not None and prepared.completed_at and prepared.completed_at < changed_at:
        return {
            "state": "stale",
            "text": f"Prepared on {made}. {changes}: prepare it again to include them.",
        }
    return {"state": "ready", "text": f"Prepared on {made}."}
