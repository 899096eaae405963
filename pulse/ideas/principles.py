"""The five CCPL principles as ideas and challenges are tagged with them.

Tags are stored as the codes joined by commas ("P1,P3"). The codes are fixed and none contains
another, so a ``contains`` lookup finds a code exactly, on SQLite and PostgreSQL alike.
"""

from collections.abc import Iterable

from pulse.analysis.meta import PRINCIPLE_LABELS, PRINCIPLES

CHOICES = [(code, f"{code}: {PRINCIPLE_LABELS[code]}") for code in PRINCIPLES]


def join_codes(codes: Iterable[str]) -> str:
    """The codes to store, in order, refusing anything that is not a principle."""
    chosen = set(codes)
    unknown = chosen - set(PRINCIPLES)
    if unknown:
        raise ValueError(f"Unknown principles: {', '.join(sorted(unknown))}")
    return ",".join(code for code in PRINCIPLES if code in chosen)


def split_codes(stored: str) -> list[str]:
    return [code for code in stored.split(",") if code in PRINCIPLE_LABELS]


def label(code: str) -> str:
    return f"{code}: {PRINCIPLE_LABELS[code]}"
