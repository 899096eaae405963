"""The service under test: a database to prepare and gunicorn to start, kill and restart.

Used by the load benchmark (`python -m bench.load`) and the fault run (`python -m bench.faults`).
Everything runs with the bench settings (`pulse.config.settings.bench`: production settings
over plain http), a SECRET_KEY generated for the run, and rate limits raised through the
environment (every load comes from one client address).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/pulse_bench"
UNLIMITED = "1000000/m"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Target:
    """One database the service runs on, and the environment every process of a run shares."""

    db: str  # "postgres" or "sqlite"
    postgres_url: str = DEFAULT_POSTGRES_URL
    name: str = "load"
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(64))

    def __post_init__(self) -> None:
        if self.db not in ("postgres", "sqlite"):
            raise ValueError(f"--db must be postgres or sqlite, not {self.db!r}")
        VAR.mkdir(parents=True, exist_ok=True)

    @property
    def sqlite_path(self) -> Path:
        return VAR / f"{self.name}.sqlite3"

    def environ(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="pulse.config.settings.bench",
            SECRET_KEY=self.secret_key,
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            PULSE_RATELIMIT_RESPOND_START=UNLIMITED,
            PULSE_RATELIMIT_RESPOND_SUBMIT=UNLIMITED,
            EMAIL_BACKEND="locmem",
            PYTHONPATH=str(ROOT),
        )
        if self.db == "postgres":
            env["DATABASE_URL"] = self.postgres_url
        else:
            env["SQLITE_PATH"] = str(self.sqlite_path)
        return env

    def use_here(self) -> None:
        """Point this process's Django at the target (before `django.setup()`)."""
        os.environ.clear()
        os.environ.update(self.environ())

    # --- the database ---------------------------------------------------------------------

    def _admin_url(self) -> tuple[str, str]:
        base, _, dbname = self.postgres_url.rpartition("/")
        return f"{base}/postgres", dbname

    def drop_database(self) -> None:
        if self.db == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)
            return
        admin, dbname = self._admin_url()
        with _pg_admin(admin) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')

    def create_database(self) -> None:
        """A new, migrated database with collected static files (production storage needs
        the manifest). Migrating once is kept as a template named after the migrations'
        contents, so later runs copy it, and a new migration makes a new template."""
        self.drop_database()
        stamp = migrations_stamp()
        if self.db == "sqlite":
            template = VAR / f"template-{stamp}.sqlite3"
            if not template.exists():
                partial = VAR / f"template-{stamp}.partial.sqlite3"
                partial.unlink(missing_ok=True)
                self._manage(["migrate", "--no-input", "-v0"], sqlite=partial)
                partial.rename(template)
            shutil.copyfile(template, self.sqlite_path)
        else:
            admin, dbname = self._admin_url()
            template_name = f"pulse_bench_template_{stamp}"
            with _pg_admin(admin) as c:
                found = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template_name])
                if found.fetchone() is None:
                    c.execute(f'CREATE DATABASE "{dbname}"')
                    self._manage(["migrate", "--no-input", "-v0"])
                    c.execute(f'ALTER DATABASE "{dbname}" RENAME TO "{template_name}"')
                c.execute(f'CREATE DATABASE "{dbname}" TEMPLATE "{template_name}"')
        if not (VAR / "static" / "staticfiles.json").exists():
            self._manage(["collectstatic", "--no-input", "-v0"])

    def _manage(self, args: list[str], sqlite: Path | None = None) -> None:
        env = self.environ()
        if sqlite is not None:
            env["SQLITE_PATH"] = str(sqlite)
        subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)

    def restart_postgres(self, *, stop_seconds: float = 0.0) -> None:
        """Stop PostgreSQL at once (fast shutdown: open transactions are rolled back), wait,
        start it again. Only for a local cluster this machine runs."""
        cluster = _pg_cluster()
        ctl = ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main"]
        subprocess.run([*ctl, "stop", "-m", "fast"], check=True, capture_output=True)
        time.sleep(stop_seconds)
        subprocess.run([*ctl, "start"], check=True, capture_output=True)


def _pg_admin(admin_url: str) -> Any:  # a psycopg connection in autocommit mode
    import psycopg

    return psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True)


def migrations_stamp() -> str:
    """A short hash of every migration file, so a template database is never stale."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("pulse/**/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _pg_cluster() -> str:
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        raise RuntimeError("no local PostgreSQL cluster in /etc/postgresql")
    return versions[-1]


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py, on a free port, logging to a file."""

    def __init__(
        self,
        target: Target,
        *,
        workers: int | None = None,
        threads: int | None = None,
        log: Path | None = None,
        port: int | None = None,
    ) -> None:
        self.target = target
        self.port = port or free_port()
        self.workers = workers
        self.threads = threads
        self.log_path = log or VAR / f"{target.name}-gunicorn.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_path: str = "/", timeout: float = 60.0) -> None:
        env = self.target.environ()
        env["GUNICORN_BIND"] = f"127.0.0.1:{self.port}"
        if self.workers:
            env["GUNICORN_WORKERS"] = str(self.workers)
        if self.threads:
            env["GUNICORN_THREADS"] = str(self.threads)
        log = open(self.log_path, "ab")  # noqa: SIM115 (kept open for the child's lifetime)
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "pulse.config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.wait_ready(ready_path, timeout)

    def wait_ready(self, path: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as reply:  # noqa: S310
                    if reply.status < 500:
                        return
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer {path} within {timeout} s")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(pid) for pid in out.split()]

    def kill_worker(self) -> int | None:
        """SIGKILL one worker (the master starts another)."""
        pids = self.worker_pids()
        if not pids:
            return None
        pid = secrets.choice(pids)
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill_all(self) -> None:
        """SIGKILL the master and every worker at once, as a crash of the host would."""
        if self.process is None:
            return
        pids = self.worker_pids()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill_all()
        self.process = None
