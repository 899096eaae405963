from django_otp.plugins.otp_totp.models import TOTPDevice

from pulse.accounts.models import User


def user_by_id(*, user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first()


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def unconfirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()
