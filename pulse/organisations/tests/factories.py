import factory

from pulse.accounts.tests.factories import UserFactory
from pulse.organisations.models import ICS, Membership, PartnerOrganisation, Place, Role, Sector


def ics(ods_code: str = "QYG") -> ICS:
    """An ICS from the reference data the migrations load (QYG: Cheshire and Merseyside)."""
    return ICS.objects.select_related("region").get(ods_code=ods_code)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    ics = factory.LazyFunction(ics)
    name = factory.Sequence(lambda n: f"Place {n}")
    code = factory.Sequence(lambda n: f"place-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    ics = factory.LazyFunction(ics)
    name = factory.Sequence(lambda n: f"Partner NHS Trust {n}")
    sector = Sector.NHS_PROVIDER
    ods_code = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.ICS_ADMIN
    ics = factory.LazyFunction(ics)
    region = None


def member(role: Role = Role.ICS_ADMIN, ods_code: str = "QYG", **user_fields: object) -> object:
    """A user with one role in one ICS."""
    return MembershipFactory(role=role, ics=ics(ods_code), user=UserFactory(**user_fields)).user
