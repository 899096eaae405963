"""Benchmark of the results and reports on the demo data.

Run from the repository root, after ``make run`` (or ``python manage.py load_demo_data``)::

    python -m bench.reports            # uses the configured database (db.sqlite3 by default)
    python -m bench.reports --fresh    # builds the demo in a new SQLite file first, timing it

It times, for the demo ICS's re-run (the latest published wave of NHS Cheshire and Merseyside):

``pdf_render_cold_s``
    the PDF board report in a process that has drawn no chart yet (vl-convert starts, every
    chart is drawn, WeasyPrint lays out about 23 pages);
``pdf_render_s`` (and ``pdf_render_cpu_s``)
    the median of ``--repeat`` further renders (charts cached, as in the task worker), in
    wall-clock seconds and in CPU seconds of the process (less sensitive to other load);
``dashboard_cold_s`` / ``dashboard_warm_s``
    the overview page as a signed-in viewer sees it, first with every cache empty (tables read
    from the database and decoded, charts drawn), then the median of ``--repeat`` requests;
``all_pages_cold_s`` / ``all_pages_warm_s``
    the same for the nine dashboard pages together;
``demo_build_s`` and ``demo_build_cpu_s`` (with ``--fresh``)
    ``load_demo_data`` from an empty, migrated database: the demo ICS's surveys, nine other
    systems' published waves and all eleven publications.

and prints one JSON line. Target on a 2-core machine: one PDF <= 5 s (DESIGN.md section 8).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

PAGES = ["", "layers/", "principles/", "change/", "groups/", "questions/", "england/", "reliability/", "comments/"]  # fmt: skip


def _timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _cpu(action: Callable[[], Any]) -> float:
    """CPU seconds of this process (all threads): less sensitive to other load than wall time."""
    start = time.process_time()
    action()
    return time.process_time() - start


def _setup(fresh: bool) -> tuple[float, float] | None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pulse.config.settings.local")
    if fresh:
        os.environ["SQLITE_PATH"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    import django

    django.setup()
    if not fresh:
        return None
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.process_time()
    with open(os.devnull, "w") as quiet:
        wall = _timed(lambda: call_command("load_demo_data", stdout=quiet))
    return wall, time.process_time() - start


def _clear_caches() -> None:
    from django.core.cache import cache

    from pulse.reports import results

    cache.clear()
    results._load.cache_clear()


def _dashboard(wave: Any, repeat: int) -> dict[str, float]:
    from django.test import Client

    from pulse.accounts.models import User
    from pulse.nonprod.demo import DEMO_DOMAIN

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email=f"ics-viewer@{DEMO_DOMAIN}"))
    base = f"/ics/{wave.ics.url_code}/results/{wave.pk}/"

    def get(page: str) -> None:
        response = client.get(base + page)
        if response.status_code != 200:
            raise SystemExit(f"{base + page} answered {response.status_code}")

    _clear_caches()
    cold = _timed(lambda: get(""))
    warm = statistics.median(_timed(lambda: get("")) for _ in range(repeat))
    _clear_caches()
    all_cold = _timed(lambda: [get(p) for p in PAGES])
    all_warm = statistics.median(_timed(lambda: [get(p) for p in PAGES]) for _ in range(repeat))
    return {
        "dashboard_cold_s": round(cold, 3),
        "dashboard_warm_s": round(warm, 3),
        "all_pages_cold_s": round(all_cold, 3),
        "all_pages_warm_s": round(all_warm, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="repeats of each warm measure")
    parser.add_argument("--fresh", action="store_true", help="build the demo in a new database")
    args = parser.parse_args()
    demo_build = _setup(args.fresh)

    from pulse.nonprod.demo import DEMO_ICS
    from pulse.organisations.models import ICS
    from pulse.reports.exports.pdf import render_pdf
    from pulse.reports.selectors import published_waves_for_ics, results_for_wave
    from pulse.reports.services.publication import publication_ensure

    wave = published_waves_for_ics(ics=ICS.objects.get(ods_code=DEMO_ICS)).first()
    if wave is None:
        raise SystemExit("No published demo wave: run `python manage.py load_demo_data` first")
    publication_ensure(wave=wave)
    results = results_for_wave(wave=wave)
    _clear_caches()
    pdf_cold = _timed(lambda: render_pdf(results))
    pdf_warm = statistics.median(_timed(lambda: render_pdf(results)) for _ in range(args.repeat))
    pdf_cpu = statistics.median(_cpu(lambda: render_pdf(results)) for _ in range(args.repeat))
    figures: dict[str, Any] = {
        "wave": wave.title,
        "pdf_render_cold_s": round(pdf_cold, 3),
        "pdf_render_s": round(pdf_warm, 3),
        "pdf_render_cpu_s": round(pdf_cpu, 3),
        **_dashboard(wave, args.repeat),
    }
    if demo_build is not None:
        figures["demo_build_s"] = round(demo_build[0], 1)
        figures["demo_build_cpu_s"] = round(demo_build[1], 1)
    figures.update(
        cpus=os.cpu_count(),
        python=platform.python_version(),
        load_average_1min=round(os.getloadavg()[0], 2),
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
