"""Test harness shared by every app.

- `--require-postgres`: the run must be on PostgreSQL (CI uses it so that run cannot silently
  fall back to SQLite).
- Tests marked `postgres` need PostgreSQL's locking; they are skipped on SQLite.
"""

import pytest
from django.conf import settings


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-postgres",
        action="store_true",
        help="fail unless the tests run on PostgreSQL (set DATABASE_URL)",
    )


def _engine() -> str:
    return settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not settings.configured:  # pure packages may be tested with `-p no:django`
        return
    on_postgres = "postgresql" in _engine()
    if config.getoption("--require-postgres") and not on_postgres:
        raise pytest.UsageError(
            f"--require-postgres was given but the database engine is {_engine()}; set DATABASE_URL"
        )
    if not on_postgres:
        skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL to run it")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache (rate-limit counters, cached results)."""
    from django.core.cache import cache

    cache.clear()
