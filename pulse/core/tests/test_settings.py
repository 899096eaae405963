"""Production settings refuse to start unsafely; `check --deploy` is clean."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

GOOD_KEY = "k" * 20 + "-not-a-real-secret-but-long-enough-for-the-check-0123456789"


def run_with(
    env: dict[str, str], code: str = "import django; django.setup()"
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "pulse.config.settings.production", **env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_with({"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_debug_on() -> None:
    result = run_with({"SECRET_KEY": GOOD_KEY, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


def test_production_requires_mfa_and_secure_cookies() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PULSE_MFA_REQUIRED, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = run_with({"SECRET_KEY": GOOD_KEY}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True"]


def test_production_settings_pass_djangos_deployment_checks() -> None:
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = run_with({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "pulse.example.nhs.uk"}, code)
    assert result.returncode == 0, result.stderr + result.stdout


def test_sqlite_runs_in_wal_mode_with_full_sync_and_immediate_transactions() -> None:
    options = settings.SQLITE_OPTIONS
    assert "journal_mode=WAL" in options["init_command"]
    assert "synchronous=FULL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


@pytest.mark.django_db
def test_every_model_change_has_its_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"A model changed without a migration:\n{out.getvalue()}")
