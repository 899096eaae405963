"""Load benchmark: submissions against gunicorn on PostgreSQL or SQLite (DESIGN.md section 8).

Run from the repository root (bench/README.md, "Load")::

    .venv/bin/python -m bench.load --db postgres --minutes 5
    .venv/bin/python -m bench.load --db sqlite --minutes 5

It makes a new database (PostgreSQL: drops and creates the one in `--postgres-url`; SQLite: a
file in var/bench/), migrates it, opens a wave of the standard pulse check with an open link,
prepares synthetic respondents and pre-answered drafts, starts gunicorn with gunicorn.conf.py
and the bench settings, then runs locust headless, once per scenario, for `--minutes` each:

- `submit`: users whose draft is complete only post "Submit your answers" (`SubmitUser`);
- `journey`: users walk start, every section, check, submit and done (`JourneyUser`).

A submission counts when its reply redirects to the confirmation page. It prints, and saves in
var/bench/results/, one JSON document: the machine, the load average during each run, and per
scenario the submissions per second (overall and per minute), their p50/p95/p99 latency and
errors, respondents per second for the journey, "database is locked" and server errors in
gunicorn's log, and the responses stored compared with the submissions acknowledged.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.load.server import DEFAULT_POSTGRES_URL, ROOT, VAR, Gunicorn, Target

LOCUST = ROOT / ".venv" / "bin" / "locust"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
SUBMIT = "POST submit"
JOURNEY = "respondent (start to done)"
TARGETS = {
    "postgres": {"submissions_per_s": 200, "p95_ms": 300, "errors": 0},
    "sqlite": {"submissions_per_s": 100, "database_is_locked": 0},
}


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gib": round(int(meminfo[1]) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def database_version(db: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if db == "postgres" else "SELECT sqlite_version()")
        return str(cursor.fetchone()[0]).split(" on ")[0]


class LoadAverage(threading.Thread):
    """Samples the 1-minute load average every 5 s while a run goes on."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(5):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> dict:
        self.stopped.set()
        values = self.samples or [os.getloadavg()[0]]
        return {"min": min(values), "max": max(values), "mean": round(sum(values) / len(values), 2)}


class CpuMeter:
    """CPU seconds used during a run by the service (gunicorn's processes and, on PostgreSQL,
    the database's backends for the bench database) and by the load generator (locust, a
    child of this process), read from /proc. With the machine shared, throughput depends on
    what others run; the CPU cost of one submission does not, so it shows what two free cores
    would sustain."""

    def __init__(self, server: Gunicorn, db: str, dbname: str) -> None:
        self.server, self.db, self.dbname = server, db, dbname
        self.tick = os.sysconf("SC_CLK_TCK")

    def _cpu(self, pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime

    def _database_pids(self) -> list[int]:
        if self.db != "postgres":
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                title = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres: ") and f" {self.dbname} " in title:
                pids.append(int(entry.name))
        return pids

    def snapshot(self) -> dict[str, dict[int, float]]:
        service = [p for p in [self.server.process.pid if self.server.process else 0] if p]
        return {
            "gunicorn": {p: self._cpu(p) for p in service + self.server.worker_pids()},
            "database": {p: self._cpu(p) for p in self._database_pids()},
            "locust": {0: _children_cpu()},
        }

    @staticmethod
    def used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict:
        return {
            part: round(sum(v - before[part].get(p, 0.0) for p, v in after[part].items()), 1)
            for part in after
        }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def prepare(args: argparse.Namespace, target: Target) -> tuple[Path, Path | None, int]:
    """Database, wave, journey plans and pre-answered drafts; returns the files for locust."""
    target.create_database()
    target.use_here()
    import django

    django.setup()
    from django.db import connections

    from bench.load import data

    wave = data.create_wave()
    plan_path = VAR / f"{target.name}-plan.json"
    plan_path.write_text(
        json.dumps({"slug": wave.open_link_slug, "plans": data.journey_plans(wave, 300)})
    )
    pool_path, pool = None, 0
    if "submit" in args.scenarios:
        pool = args.pool or int(args.minutes * 60 * (450 if args.db == "postgres" else 300))
        started = time.monotonic()
        clients = data.pre_answered(wave, pool)
        pool_path = VAR / f"{target.name}-pool.jsonl"
        pool_path.write_text("".join(json.dumps(c) + "\n" for c in clients))
        print(
            f"prepared {pool} pre-answered drafts in {time.monotonic() - started:.0f} s", flush=True
        )
    connections.close_all()
    return plan_path, pool_path, pool


def run_locust(args, server: Gunicorn, scenario: str, plan: Path, pool: Path | None) -> Path:
    prefix = VAR / f"{server.target.name}-{scenario}"
    user_class = "SubmitUser" if scenario == "submit" else "JourneyUser"
    users = args.users or (24 if scenario == "submit" else 16)
    env = {
        **os.environ,
        "PULSE_BENCH_PLAN": str(plan),
        "PULSE_BENCH_PROCESSES": str(args.processes),
    }
    if pool is not None:
        env["PULSE_BENCH_POOL"] = str(pool)
    command = [
        str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--host", server.url,
        "-u", str(users), "-r", str(users), "-t", f"{int(args.minutes * 60)}s",
        "--csv", str(prefix), "--csv-full-history", "--json-file", str(prefix),
        "--only-summary", "--stop-timeout", "10",
        "--loglevel", "WARNING", user_class,
    ]  # fmt: skip
    if args.processes > 1:
        command[1:1] = ["--processes", str(args.processes)]
    subprocess.run(command, cwd=ROOT, env=env, check=False)
    return prefix


def _csv_rows(path: str | Path) -> list[dict[str, str]]:
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def percentile(response_times: dict[str, int], count: int, share: float) -> float | None:
    """Locust's own percentile of its response-time histogram (times rounded as it rounds)."""
    if not count:
        return None
    above = 0
    for time_ms, requests in sorted(
        ((float(t), n) for t, n in response_times.items()), reverse=True
    ):
        above += requests
        if count - above <= int(count * share):
            return time_ms
    return 0.0


def read_stats(prefix: Path, minutes: float) -> dict:
    """The final figures of a locust run: its JSON (every request, including those finished
    while stopping), the per-minute rates from its history and its failures by kind. Rates are
    per second of the whole run (`--minutes`)."""
    with open(f"{prefix}.json") as file:
        entries = json.load(file)
    stats: dict = {}
    for entry in entries:
        count = entry["num_requests"]
        times = entry["response_times"]
        stats[entry["name"]] = {
            "count": count,
            "failures": entry["num_failures"],
            "per_s": round(count / (minutes * 60), 1),
            "p50_ms": percentile(times, count, 0.50),
            "p95_ms": percentile(times, count, 0.95),
            "p99_ms": percentile(times, count, 0.99),
            "max_ms": round(entry["max_response_time"], 1) if count else None,
        }
    stats["submit_per_minute"] = per_minute(prefix, SUBMIT)
    failures_path = Path(f"{prefix}_failures.csv")
    stats["failure_kinds"] = (
        [
            {"name": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
            for r in _csv_rows(failures_path)
        ]
        if failures_path.exists()
        else []
    )
    return stats


def per_minute(prefix: Path, name: str) -> list[float]:
    """Submissions per second in each whole minute of the run (from locust's 1 s history)."""
    points = [
        (int(row["Timestamp"]), int(row["Total Request Count"]))
        for row in _csv_rows(f"{prefix}_stats_history.csv")
        if row["Name"] == name
    ]
    if not points:
        return []
    start = points[0][0]
    rates, last = [], (start, points[0][1])
    for stamp, count in points:
        if stamp - last[0] >= 60:
            rates.append(round((count - last[1]) / (stamp - last[0]), 1))
            last = (stamp, count)
    return rates


def log_problems(log: Path, offset: int) -> dict:
    text = log.read_bytes()[offset:].decode(errors="replace")
    return {
        "database_is_locked": text.count("database is locked"),
        "tracebacks": text.count("Traceback"),
        "http_5xx": sum(1 for line in text.splitlines() if '" 5' in line and "HTTP/1" in line),
        "worker_timeouts": text.count("WORKER TIMEOUT"),
    }


def stored_responses() -> int:
    from django.db import connections

    from pulse.surveys.models import Response

    connections.close_all()
    return Response.objects.count()


def cpu_per_submission(run: dict, scenario: str) -> dict:
    """CPU milliseconds per acknowledged submission (for the journey: per whole respondent,
    every page included), by part and in all, and the rate that two free cores would allow."""
    done = run["acknowledged"]
    if not done:
        return {}
    per = {part: round(1000 * seconds / done, 2) for part, seconds in run["cpu_s"].items()}
    total = sum(per.values())
    per["all"] = round(total, 2)
    service = total - per["locust"]
    per["two_free_cores_per_s"] = round(2000 / total, 0) if total else None
    per["two_free_cores_per_s_service_only"] = round(2000 / service, 0) if service else None
    return per


def verdict(db: str, result: dict) -> dict:
    submit = result["stats"].get(SUBMIT, {})
    target = TARGETS[db]
    checks = {"submissions_per_s": submit.get("per_s", 0) >= target["submissions_per_s"]}
    minutes = result["stats"].get("submit_per_minute") or []
    checks["sustained_every_minute"] = bool(minutes) and min(minutes) >= target["submissions_per_s"]
    if "p95_ms" in target:
        checks["p95_ms"] = (submit.get("p95_ms") or 1e9) <= target["p95_ms"]
        checks["errors"] = submit.get("failures", 1) == 0 and result["server"]["http_5xx"] == 0
    if "database_is_locked" in target:
        checks["database_is_locked"] = result["server"]["database_is_locked"] == 0
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument(
        "--scenario", dest="scenarios", action="append", choices=["submit", "journey"]
    )
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument(
        "--users", type=int, help="concurrent locust users (default 24 submit, 16 journey)"
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker")
    parser.add_argument("--processes", type=int, default=1, help="locust processes")
    parser.add_argument("--pool", type=int, help="pre-answered drafts (default enough for the run)")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("PULSE_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    )
    args = parser.parse_args(argv)
    args.scenarios = args.scenarios or ["submit", "journey"]

    target = Target(args.db, postgres_url=args.postgres_url, name=f"load-{args.db}")
    plan, pool, pool_size = prepare(args, target)
    report: dict = {
        "command": " ".join(
            ["python -m bench.load", *(argv if argv is not None else sys.argv[1:])]
        ),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {**machine(), "database": database_version(args.db)},
        "db": args.db,
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "pool": pool_size,
        "runs": {},
    }
    server = Gunicorn(target, workers=args.workers, threads=args.threads)
    server.log_path.unlink(missing_ok=True)
    server.start(ready_path=f"/s/{json.loads(plan.read_text())['slug']}/")
    report["gunicorn"]["workers"] = len(server.worker_pids())
    meter = CpuMeter(server, args.db, args.postgres_url.rpartition("/")[2])
    try:
        for scenario in args.scenarios:
            before_responses = stored_responses()
            offset = server.log_path.stat().st_size
            load = LoadAverage()
            report_run = {"load_average_before": os.getloadavg()[0]}
            load.start()
            cpu_before = meter.snapshot()
            prefix = run_locust(args, server, scenario, plan, pool)
            report_run["cpu_s"] = meter.used(cpu_before, meter.snapshot())
            report_run["load_average"] = load.summary()
            report_run["load_average_after"] = os.getloadavg()[0]
            report_run["users"] = args.users or (24 if scenario == "submit" else 16)
            report_run["stats"] = read_stats(prefix, args.minutes)
            report_run["server"] = log_problems(server.log_path, offset)
            submitted = report_run["stats"].get(SUBMIT, {})
            acknowledged = submitted.get("count", 0) - submitted.get("failures", 0)
            report_run["acknowledged"] = acknowledged
            report_run["stored"] = stored_responses() - before_responses
            report_run["cpu_ms_per_submission"] = cpu_per_submission(report_run, scenario)
            report_run["targets_met"] = verdict(args.db, report_run)
            report["runs"][scenario] = report_run
    finally:
        server.stop()
    results = VAR / "results"
    results.mkdir(exist_ok=True)
    out = results / f"load-{args.db}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
