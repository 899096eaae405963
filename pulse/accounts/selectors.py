from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from pulse.accounts.models import User


def user_by_id(*, user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first()


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


# How long a secret shown on the set-up page stays the one to confirm: long enough to reload the
# page or come back to it after finding a phone, short enough that an abandoned one is replaced.
SET_UP_WINDOW = timedelta(minutes=30)


def unconfirmed_device(*, user: User) -> TOTPDevice | None:
    """The authenticator the user is setting up, if its secret was made in the last 30 minutes."""
    since = timezone.now() - SET_UP_WINDOW
    return TOTPDevice.objects.filter(user=user, confirmed=False, created_at__gte=since).first()
