"""What expires in ideas: used or expired sign-in links, old read notifications and prepared
files of ideas (which name authors, so they are not kept for long)."""

from pulse.core.retention import Purge


def purges() -> list[Purge]:
    from pulse.ideas.models import IdeasFile, Notification, SignInLink

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
        Purge(
            "ideas_files",
            "Prepared files of a challenge's ideas (CSV, Excel)",
            lambda cutoff: IdeasFile.objects.filter(created_at__lt=cutoff),
        ),
    ]
