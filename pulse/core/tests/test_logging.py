import logging

from pulse.core.logging import StripQueryStringFilter, strip_query


def test_query_strings_are_removed_from_request_lines() -> None:
    assert strip_query('"GET /s/start/?token=abc123 HTTP/1.1"') == '"GET /s/start/ HTTP/1.1"'


def test_the_log_filter_removes_tokens_from_messages_and_arguments() -> None:
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /respond/?token=secret-token-value HTTP/1.1", "200", "512"),
        None,
    )
    StripQueryStringFilter().filter(record)
    assert "secret-token-value" not in record.getMessage()
    assert record.getMessage() == '"GET /respond/ HTTP/1.1" 200 512'
