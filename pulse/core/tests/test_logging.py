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


def test_token_path_segments_are_redacted() -> None:
    assert (
        strip_query('"GET /s/abc/resume/Zx9-secret_TOKEN/ HTTP/1.1"')
        == '"GET /s/abc/resume/[redacted]/ HTTP/1.1"'
    )
    assert strip_query("/password-reset/MQ/cn5p-abc123def/") == "/password-reset/[redacted]/"
    assert strip_query("/password-reset/sent/") == "/password-reset/sent/"


def test_gunicorn_access_lines_go_through_the_same_filter() -> None:
    import runpy

    config = runpy.run_path("gunicorn.conf.py")
    assert "%(U)s" in config["access_log_format"] and "%(r)s" not in config["access_log_format"]
    handler = config["logconfig_dict"]["handlers"]["console"]
    assert handler["filters"] == ["strip_query"]
    assert config["logconfig_dict"]["loggers"]["gunicorn.access"]["handlers"] == ["console"]
