"""Personal API tokens: created and revoked by their owner on the account page, shown once and
stored only as a SHA-256 hash. The API acts with its owner's roles, no more."""

from django.conf import settings
from django.db import models


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def for_user(self, user: object) -> "ApiTokenQuerySet":
        return self.filter(user=user)


class ApiToken(models.Model):
    """A personal API token. Only its hash is kept: the token itself is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, in the owner's words")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    created_on = models.DateField()
    expires_on = models.DateField(
        null=True, blank=True, help_text="Last day it works; empty: never"
    )
    revoked = models.BooleanField(default=False)
    #: The date only: the API keeps no finer record of when a token is used.
    last_used_on = models.DateField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return self.name
