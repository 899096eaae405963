import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")


def strip_query(text: str) -> str:
    """Remove query strings from request lines: they can carry invitation tokens."""
    return _QUERY.sub("", text)


class StripQueryStringFilter(logging.Filter):
    """Log records never include a URL's query string (DESIGN.md section 6)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = strip_query(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(strip_query(a) if isinstance(a, str) else a for a in record.args)
        return True
