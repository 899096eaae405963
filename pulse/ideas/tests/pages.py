"""Every ideas URL inside an ICS, for the tenancy, anonymity and permission tests."""

from dataclasses import dataclass

from pulse.ideas.models import Challenge, Comment, Idea, Stage
from pulse.organisations.models import AllowedEmailDomain


@dataclass(frozen=True)
class Objects:
    challenge: Challenge
    idea: Idea
    comment: Comment
    stage: Stage
    domain: AllowedEmailDomain


def ics_urls(ods: str, o: Objects) -> list[str]:
    """Every page and action of the ideas space in ICS `ods`, for the given objects' ids."""
    base = f"/ics/{ods.lower()}/ideas/"
    c, i, m = o.challenge.pk, o.idea.pk, o.comment.pk
    return [
        base,
        f"{base}challenges/add/",
        f"{base}challenges/{c}/",
        f"{base}challenges/{c}/change/",
        f"{base}challenges/{c}/ideas/add/",
        f"{base}challenges/{c}/downloads/",
        f"{base}challenges/{c}/ideas.csv",
        f"{base}challenges/{c}/ideas.xlsx",
        f"{base}{i}/",
        f"{base}{i}/change/",
        f"{base}{i}/support/",
        f"{base}{i}/withdraw-support/",
        f"{base}{i}/comments/",
        f"{base}{i}/comments/{m}/reply/",
        f"{base}{i}/report/",
        f"{base}{i}/comments/{m}/report/",
        f"{base}{i}/move/",
        f"{base}my-ideas/",
        f"{base}moderation/",
        f"{base}moderation/idea/{i}/hide/",
        f"{base}moderation/idea/{i}/show-again/",
        f"{base}moderation/idea/{i}/keep/",
        f"{base}moderation/comment/{m}/hide/",
        f"{base}moderation/comment/{m}/show-again/",
        f"{base}moderation/comment/{m}/keep/",
        f"{base}stages/",
        f"{base}stages/add/",
        f"{base}stages/{o.stage.pk}/change/",
        f"{base}stages/{o.stage.pk}/move/",
        f"{base}stages/{o.stage.pk}/remove/",
        f"{base}sign-in-domains/",
        f"{base}sign-in-domains/add/",
        f"{base}sign-in-domains/{o.domain.pk}/remove/",
        f"{base}notifications/",
        f"{base}notifications/mark-read/",
        f"{base}notifications/settings/",
        f"{base}you-said-we-did/",
    ]


def is_post_only(url: str) -> bool:
    return url.endswith(("/support/", "/withdraw-support/", "/comments/", "/mark-read/")) or (
        "/stages/" in url and url.endswith("/move/")
    )


def object_urls(ods: str, o: Objects) -> list[str]:
    """The URLs that name an object (a challenge, idea, comment, stage or domain)."""
    plain = {f"/ics/{ods.lower()}/ideas/{tail}" for tail in PLAIN}
    return [url for url in ics_urls(ods, o) if url not in plain]


PLAIN = [
    "",
    "challenges/add/",
    "my-ideas/",
    "moderation/",
    "stages/",
    "stages/add/",
    "sign-in-domains/",
    "sign-in-domains/add/",
    "notifications/",
    "notifications/mark-read/",
    "notifications/settings/",
    "you-said-we-did/",
]
