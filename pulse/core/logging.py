"""Log hygiene: no token, secret or personal data ever reaches a log line (DESIGN.md section 6).

Tokens travel in query strings (invitations, sign-in links) or in a few known path segments
(resume links, password-reset links). Both are removed from every message and argument.
"""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")
# Path segments that carry a secret: /s/<slug>/resume/<token>/ and /password-reset/<uid>/<token>/.
_TOKEN_PATHS = (
    (re.compile(r"(/resume/)[^/\s\"'?]+"), r"\1[redacted]"),
    (re.compile(r"(/password-reset/)(?!sent/|done/)[^/\s\"'?]+/[^/\s\"'?]+"), r"\1[redacted]"),
)


def strip_query(text: str) -> str:
    """Remove query strings and token path segments from request lines and URLs."""
    text = _QUERY.sub("", text)
    for pattern, replacement in _TOKEN_PATHS:
        text = pattern.sub(replacement, text)
    return text


class StripQueryStringFilter(logging.Filter):
    """Log records never include a query string or a token-bearing path segment."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = strip_query(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(strip_query(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: strip_query(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True
