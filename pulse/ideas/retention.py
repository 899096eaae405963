"""What expires in ideas: used or expired sign-in links and old read notifications."""

from pulse.core.retention import Purge


def purges() -> list[Purge]:
    from pulse.ideas.models import Notification, SignInLink

    return [
        Purge(
            "sign_in_links",
            "Emailed sign-in links for staff",
            lambda cutoff: SignInLink.objects.filter(expires_at__lt=cutoff),
        ),
        Purge(
            "notifications",
            "Read notifications",
            lambda cutoff: Notification.objects.filter(read_at__lt=cutoff),
        ),
    ]
