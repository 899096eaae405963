"""One-time links that sign staff in to an ICS's ideas space."""

from django.db import models

from pulse.organisations.models import ICS


class SignInLink(models.Model):
    """An emailed sign-in link. Only the SHA-256 hash of its token is stored."""

    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(db_index=True)
    ics = models.ForeignKey(ICS, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Sign-in link for {self.ics}"
