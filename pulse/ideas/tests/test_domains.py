"""ICS admins choose which email domains can sign in to their ideas by link."""

from typing import Any

import pytest
from django.test import Client

from pulse.core.models import AuditEntry
from pulse.core.tests.html import error_summary, text
from pulse.organisations.models import AllowedEmailDomain
from pulse.organisations.tests.factories import ics

pytestmark = pytest.mark.django_db


def test_an_admin_adds_and_removes_a_domain(client: Client, people: dict[str, Any]) -> None:
    client.force_login(people["admin"])
    response = client.post("/ics/qyg/ideas/sign-in-domains/add/", {"domain": " @Wirral.NHS.uk "})
    assert response["Location"] == "/ics/qyg/ideas/sign-in-domains/"
    page = text(client.get("/ics/qyg/ideas/sign-in-domains/"))
    assert "@wirral.nhs.uk" in page and "/ideas/sign-in/?ics=qyg" in page
    allowed = AllowedEmailDomain.objects.get()
    assert (allowed.ics, allowed.domain) == (ics("QYG"), "wirral.nhs.uk")
    client.post(f"/ics/qyg/ideas/sign-in-domains/{allowed.pk}/remove/")
    assert not AllowedEmailDomain.objects.exists()
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "email_domain_allowed",
        "email_domain_removed",
    ]


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ("", "Enter an email domain, like wirral.nhs.uk"),
        ("nhs", "Enter an email domain in the correct format, like wirral.nhs.uk"),
        (
            "someone@wirral.nhs.uk",
            "Enter an email domain in the correct format, like wirral.nhs.uk",
        ),
        ("-bad-.nhs.uk", "Enter an email domain in the correct format, like wirral.nhs.uk"),
        ("a" * 254, "Email domain must be 253 characters or fewer"),
        ("wirral.nhs.uk", "Cheshire and Merseyside already allows wirral.nhs.uk"),
    ],
)
def test_bad_domains_get_nhs_errors(
    client: Client, people: dict[str, Any], domain: str, message: str
) -> None:
    AllowedEmailDomain.objects.create(ics=ics("QYG"), domain="wirral.nhs.uk")
    client.force_login(people["admin"])
    response = client.post("/ics/qyg/ideas/sign-in-domains/add/", {"domain": domain})
    assert error_summary(response) == [message]
    assert AllowedEmailDomain.objects.count() == 1


def test_the_same_domain_may_be_allowed_by_two_systems(
    client: Client, people: dict[str, Any]
) -> None:
    AllowedEmailDomain.objects.create(ics=ics("QMJ"), domain="nhs.net")
    client.force_login(people["admin"])
    client.post("/ics/qyg/ideas/sign-in-domains/add/", {"domain": "nhs.net"})
    assert AllowedEmailDomain.objects.filter(domain="nhs.net").count() == 2
