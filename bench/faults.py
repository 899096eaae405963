"""Fault run: submissions under SIGKILL of gunicorn and a crash of the database (DESIGN.md 7).

Run from the repository root (bench/README.md, "Faults")::

    .venv/bin/python -m bench.faults --db postgres --runs 20
    .venv/bin/python -m bench.faults --db sqlite --runs 20

Each run prepares `--drafts` complete drafts (each in its own session, each with a unique
marker in its free-text answer), then bursts them at gunicorn from `--threads` threads, every
tenth draft posted twice at once (a double click); a post that is not acknowledged is made again
0.2 s later (the respondent presses "Submit" again) until every draft is acknowledged. During
the burst it SIGKILLs one gunicorn worker (when 10 to 30% of the drafts are acknowledged), then
gunicorn's master and every worker at once (35 to 55%), and restarts gunicorn; on PostgreSQL it
then (65 to 85%) crashes the database server (`pg_ctl stop -m
immediate`: no shutdown checkpoint, crash recovery at the next start) and starts it again.
After the burst it checks, by marker, that:

- every acknowledged draft (a reply redirecting to the confirmation) is stored exactly once;
- nothing half-exists: no response whose answers differ from its draft's, no draft kept beside
  its response, and no draft stored twice.

Drafts still unacknowledged when the burst times out are posted once more and checked again.
On PostgreSQL the run uses a throwaway server of its own (initdb in a temporary folder, on a
free port, as the `postgres` user when run as root), so crashing it disturbs no one else's
database. It prints and saves in var/bench/results/ one JSON document with every run.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import pwd
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load.server import VAR, Gunicorn, Target, free_port

DOUBLE_EVERY = 10


class PrivatePostgres:
    """A throwaway PostgreSQL server that the run may crash and restart."""

    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not versions:
            raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
        self.bin = versions[-1].parent
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="pulse-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        self.runuser = shutil.which("runuser") or "/usr/sbin/runuser"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/pulse_faults"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = [self.runuser, "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def init(self) -> None:
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def crash(self) -> None:
        """Stop at once, as a crash would: no checkpoint; the next start replays the WAL."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Burst:
    """Posts every draft's "Submit your answers"; records which drafts were acknowledged."""

    port: int
    slug: str
    clients: list[dict[str, str]]
    threads: int
    acknowledged: set[str] = field(default_factory=set)
    replies: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def post(self, client: dict[str, str]) -> bool:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={client['session']}; csrftoken={client['csrf']}",
            "X-CSRFToken": client["csrf"],
            "Host": "127.0.0.1",
        }
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("POST", f"/s/{self.slug}/submit/", body=b"", headers=headers)
            reply = connection.getresponse()
            reply.read()
            done = reply.status == 302 and (reply.getheader("Location") or "").endswith("/done/")
            outcome = "acknowledged" if done else f"http {reply.status}"
        except OSError as error:
            done, outcome = False, type(error).__name__
        finally:
            connection.close()
        with self.lock:
            self.replies[outcome] += 1
            if done:
                self.acknowledged.add(client["draft"])
        return done

    def start(self) -> None:
        """Post every draft from `threads` threads; a draft whose post was not acknowledged is
        posted again 0.2 s later (the respondent presses "Submit" again), until `finish`."""
        self.work: queue.Queue[dict[str, str]] = queue.Queue()
        self.stopping = threading.Event()
        for index, client in enumerate(self.clients):
            self.work.put(client)
            if index % DOUBLE_EVERY == 0:
                self.work.put(client)  # a double click, usually handled at the same moment
        self.pool = [threading.Thread(target=self._worker) for _ in range(self.threads)]
        for thread in self.pool:
            thread.start()

    def _worker(self) -> None:
        while not self.stopping.is_set():
            try:
                client = self.work.get(timeout=0.1)
            except queue.Empty:
                with self.lock:
                    if len(self.acknowledged) == len(self.clients):
                        return
                continue
            if not self.post(client) and client["draft"] not in self.acknowledged:
                time.sleep(0.2)
                self.work.put(client)

    def finish(self, timeout: float) -> None:
        """Wait until every draft is acknowledged, or `timeout` seconds, then stop posting."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.acknowledged) == len(self.clients):
                    break
            time.sleep(0.2)
        self.stopping.set()
        for thread in self.pool:
            thread.join()


def stored_by_marker(wave_id: int, markers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Every response of the wave, by its draft (found by marker), as stored answers."""
    from django.db import connections

    from bench.load.data import MARKER_KEY
    from pulse.surveys.models import Response

    connections.close_all()
    by_marker: dict[str, list[dict[str, Any]]] = {}
    for answers in Response.objects.filter(wave_id=wave_id).values_list("answers", flat=True):
        by_marker.setdefault(str(answers.get(MARKER_KEY, "")), []).append(answers)
    return {draft: by_marker.get(marker, []) for draft, marker in markers.items()}


def drafts_left(ids: list[str]) -> set[str]:
    from django.db import connections

    from pulse.surveys.models import ResponseDraft

    connections.close_all()
    return {str(pk) for pk in ResponseDraft.objects.filter(pk__in=ids).values_list("pk", flat=True)}


def check(
    expected: dict[str, dict[str, Any]], stored: dict[str, list[dict[str, Any]]], left: set[str]
) -> dict[str, int]:
    """Counts of what must be zero, and of what was stored, for the drafts of one run."""
    return {
        "stored": sum(len(found) for found in stored.values()),
        "duplicates": sum(len(found) - 1 for found in stored.values() if len(found) > 1),
        "half_written": sum(
            1
            for draft, found in stored.items()
            if any(answers != expected[draft] for answers in found) or (found and draft in left)
        ),
        "drafts_left": len(left),
    }


def one_run(
    number: int, args: argparse.Namespace, server: Gunicorn, pg: PrivatePostgres | None, wave: Any
) -> dict[str, Any]:
    """One run against the running `server`; it leaves the server restarted and running."""
    from bench.load import data
    from pulse.surveys.answers import clean_answers
    from pulse.surveys.models import ResponseDraft

    rng = random.Random(args.seed + number)
    clients = data.pre_answered(wave, args.drafts, markers=True, seed=number)
    ids = [c["draft"] for c in clients]
    markers = {c["draft"]: c["marker"] for c in clients}
    codes = {p["code"] for p in wave.places}
    expected = {
        str(d.pk): clean_answers(wave.definition, d.answers, places=codes)
        for d in ResponseDraft.objects.filter(pk__in=ids)
    }
    burst = Burst(server.port, wave.open_link_slug, clients, args.threads)
    events: list[str] = []
    faults: list[dict[str, Any]] = []
    started = time.monotonic()

    def at(share: tuple[float, float], what: str) -> None:
        """Wait until a random share of the drafts (within `share`) is acknowledged, so every
        fault lands mid-burst however fast the machine is (a timer would, on fast cores, fire
        after the burst is over); give up waiting after 60 s."""
        target = int(len(clients) * rng.uniform(*share))
        deadline = time.monotonic() + 60
        while len(burst.acknowledged) < target and time.monotonic() < deadline:
            time.sleep(0.002)
        faults.append({"fault": what, "acknowledged": len(burst.acknowledged)})
        events.append(
            f"{time.monotonic() - started:.2f}s {what} ({len(burst.acknowledged)} acknowledged)"
        )

    burst.start()
    at((0.10, 0.30), "SIGKILL one gunicorn worker")
    server.kill_worker()
    at((0.35, 0.55), "SIGKILL gunicorn master and every worker")
    server.kill_all()
    time.sleep(rng.uniform(0.0, 0.5))
    server.start(ready_path=f"/s/{wave.open_link_slug}/")
    events.append(f"{time.monotonic() - started:.2f}s gunicorn restarted")
    if pg is not None:
        at((0.65, 0.85), "PostgreSQL crash (stop -m immediate)")
        pg.crash()
        time.sleep(rng.uniform(0.2, 1.0))
        pg.start()
        events.append(f"{time.monotonic() - started:.2f}s PostgreSQL started (crash recovery)")
    burst.finish(timeout=args.burst_timeout)
    events.append(
        f"{time.monotonic() - started:.2f}s burst over ({len(burst.acknowledged)} acknowledged)"
    )
    acknowledged_in_burst = set(burst.acknowledged)
    before = check(expected, stored_by_marker(wave.pk, markers), drafts_left(ids))
    lost_before = sum(
        1 for d, found in stored_by_marker(wave.pk, markers).items()
        if d in acknowledged_in_burst and not found
    )  # fmt: skip
    retried = [c for c in clients if c["draft"] not in acknowledged_in_burst]
    retry = Burst(server.port, wave.open_link_slug, retried, args.threads)
    for client in retried:
        retry.post(client)
    stored = stored_by_marker(wave.pk, markers)
    after = check(expected, stored, drafts_left(ids))
    acknowledged = acknowledged_in_burst | retry.acknowledged
    result = {
        "run": number,
        "drafts": len(clients),
        "posts": sum(burst.replies.values()),
        "replies": dict(burst.replies),
        "acknowledged": len(acknowledged_in_burst),
        "unacknowledged": len(clients) - len(acknowledged_in_burst),
        "after_restart": {**before, "acknowledged_lost": lost_before},
        "retried": len(retried),
        "retry_acknowledged": len(retry.acknowledged),
        "retry_replies": dict(retry.replies),
        "final": {
            **after,
            "acknowledged_lost": sum(1 for d in acknowledged if not stored[d]),
            "acknowledged_total": len(acknowledged),
        },
        "events": events,
        "faults": faults,
        "faults_mid_burst": sum(f["acknowledged"] < len(clients) for f in faults),
    }
    result["ok"] = (
        before["duplicates"] == before["half_written"] == lost_before == 0
        and after["duplicates"] == after["half_written"] == 0
        and result["final"]["acknowledged_lost"] == 0
        and after["stored"] == len(acknowledged) == len(clients)
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--drafts", type=int, default=300, help="drafts submitted per run")
    parser.add_argument("--threads", type=int, default=16, help="concurrent posting threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--burst-timeout",
        type=float,
        default=120,
        help="seconds to keep re-posting after the faults",
    )
    args = parser.parse_args(argv)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on `kill` too
    pg = PrivatePostgres() if args.db == "postgres" else None
    server: Gunicorn | None = None
    report: dict[str, Any] = {
        "command": " ".join(
            ["python -m bench.faults", *(argv if argv is not None else sys.argv[1:])]
        ),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "db": args.db,
        "nproc": os.cpu_count(),
        "load_average_before": os.getloadavg()[0],
        "runs": [],
    }
    try:
        if pg is not None:
            pg.init()
            report["postgres"] = f"private server {pg.bin.parent.name} on port {pg.port}"
        urls = {"postgres_url": pg.url} if pg is not None else {}
        target = Target(args.db, name=f"faults-{args.db}", **urls)
        target.create_database()
        target.use_here()
        import django

        django.setup()
        from bench.load import data

        wave = data.create_wave()
        server = Gunicorn(target, workers=args.workers, log=VAR / f"faults-{args.db}-gunicorn.log")
        server.start(ready_path=f"/s/{wave.open_link_slug}/")
        for number in range(1, args.runs + 1):
            result = one_run(number, args, server, pg, wave)
            report["runs"].append(result)
            print(
                json.dumps(
                    {
                        k: result[k]
                        for k in ("run", "acknowledged", "unacknowledged", "retried", "final", "ok")
                    }
                ),
                flush=True,
            )
    finally:
        if server is not None:
            server.kill_all()
        if pg is not None:
            pg.remove()
    runs = report["runs"]
    report["load_average_after"] = os.getloadavg()[0]
    report["summary"] = {
        "runs": len(runs),
        "runs_ok": sum(r["ok"] for r in runs),
        "drafts": sum(r["drafts"] for r in runs),
        "acknowledged_in_burst": sum(r["acknowledged"] for r in runs),
        "unacknowledged_in_burst": sum(r["unacknowledged"] for r in runs),
        "stored_before_retry": sum(r["after_restart"]["stored"] for r in runs),
        "stored_final": sum(r["final"]["stored"] for r in runs),
        "acknowledged_lost": sum(
            r["final"]["acknowledged_lost"] + r["after_restart"]["acknowledged_lost"] for r in runs
        ),
        "duplicates": sum(
            r["final"]["duplicates"] + r["after_restart"]["duplicates"] for r in runs
        ),
        "half_written": sum(
            r["final"]["half_written"] + r["after_restart"]["half_written"] for r in runs
        ),
        "faults": sum(len(r["faults"]) for r in runs),
        "faults_mid_burst": sum(r["faults_mid_burst"] for r in runs),
    }
    results = VAR / "results"
    results.mkdir(exist_ok=True)
    out = results / f"faults-{args.db}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report["summary"], indent=2))
    print(f"saved {out}")
    return 0 if report["summary"]["runs_ok"] == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
