"""Email backends that fail, to test how sending records and retries failures."""

import smtplib
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.mail.backends.locmem import EmailBackend


class FailingBackend(EmailBackend):
    """Fails for the addresses in `failures` (address -> errors to raise, one per attempt),
    then delivers to the outbox like the test backend."""

    failures: ClassVar[dict[str, list[Exception]]] = {}
    attempts: ClassVar[list[str]] = []

    def send_messages(self, messages: Sequence[Any]) -> int:
        for message in messages:
            address = message.to[0]
            type(self).attempts.append(address)
            queue = type(self).failures.get(address)
            if queue:
                raise queue.pop(0)
        return super().send_messages(messages)


def disconnected() -> Exception:
    return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def try_later() -> Exception:
    return smtplib.SMTPDataError(451, b"Try again later")


def refused(address: str) -> Exception:
    return smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})
