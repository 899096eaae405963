"""Locust users for the load benchmark (started by `python -m bench.load`, which prepares the
files named by the environment variables below). Imports no Django.

- `JourneyUser`: a respondent who walks the whole journey as a browser without JavaScript does:
  the start page, "Start now", each section page and its "Continue", check your answers,
  submit and the confirmation. Each completed walk is also recorded as one `journey`
  "request" whose time is the whole walk.
- `SubmitUser`: a respondent whose draft is already complete (prepared in the database with its
  session), who only presses "Submit your answers". Measures the submission path on its own.

A submission counts only when its reply redirects to the confirmation page (`/done/`); any other
reply, or none, is a failure.

PULSE_BENCH_PLAN: JSON {"slug": ..., "plans": [{section number: url-encoded body}, ...]}.
PULSE_BENCH_POOL: JSON lines {"session", "csrf", ...}, one pre-answered draft each.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from http.cookiejar import CookieJar

from locust import FastHttpUser, events, task
from locust.exception import StopUser

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_plan: dict | None = None
_pool: itertools.islice | None = None


def plan() -> dict:
    global _plan
    if _plan is None:
        with open(os.environ["PULSE_BENCH_PLAN"]) as file:
            _plan = json.load(file)
    return _plan


@events.init.add_listener
def _partition_pool(environment, **_kwargs) -> None:
    """Each locust process takes every n-th pre-answered draft, so no draft is used twice."""
    global _pool
    path = os.environ.get("PULSE_BENCH_POOL")
    if not path:
        return
    runner = environment.runner
    index = getattr(runner, "worker_index", 0) or 0
    count = int(os.environ.get("PULSE_BENCH_PROCESSES", "1"))
    lines = open(path)  # noqa: SIM115 (read lazily for the whole run)
    _pool = itertools.islice(lines, index, None, count)


def csrf_cookie(jar: CookieJar) -> str:
    return next((c.value for c in jar if c.name == "csrftoken"), "") or ""


def post_submit(client, path: str, headers: dict) -> bool:
    """Press "Submit your answers"; counts as done only if the reply goes to the confirmation."""
    with client.post(
        path, data="", headers=headers, name="POST submit", allow_redirects=False,
        catch_response=True,
    ) as reply:  # fmt: skip
        location = reply.headers.get("Location", "")
        if reply.status_code == 302 and location.endswith("/done/"):
            return True
        reply.failure(f"submit: {reply.status_code} {location}")
        return False


class JourneyUser(FastHttpUser):
    """The whole respondent journey, with no pause between pages."""

    @task
    def respond(self) -> None:
        self.client.cookiejar.clear()
        slug = plan()["slug"]
        answers = random.choice(plan()["plans"])
        base = f"/s/{slug}"
        began = time.perf_counter()
        self.client.get(f"{base}/", name="GET start")
        headers = {**FORM, "X-CSRFToken": csrf_cookie(self.client.cookiejar)}
        with self.client.post(
            f"{base}/", data="", headers=headers, name="POST start", allow_redirects=False,
            catch_response=True,
        ) as reply:  # fmt: skip
            if reply.status_code != 302:
                reply.failure(f"start: {reply.status_code}")
                return
            location = reply.headers["Location"]
        while "/section/" in location:
            number = location.split("/section/")[1].split("/")[0]
            self.client.get(location, name="GET section")
            with self.client.post(
                location, data=answers[number], headers=headers, name="POST section",
                allow_redirects=False, catch_response=True,
            ) as reply:  # fmt: skip
                if reply.status_code != 302:
                    reply.failure(f"section {number}: {reply.status_code}")
                    return
                location = reply.headers["Location"]
        self.client.get(f"{base}/check/", name="GET check")
        if not post_submit(self.client, f"{base}/submit/", headers):
            return
        self.client.get(f"{base}/done/", name="GET done")
        events.request.fire(
            request_type="journey",
            name="respondent (start to done)",
            response_time=(time.perf_counter() - began) * 1000,
            response_length=0,
            exception=None,
            context={},
        )


class SubmitUser(FastHttpUser):
    """Submits pre-answered drafts one after the other, each with its own session."""

    @task
    def submit(self) -> None:
        line = next(_pool, None) if _pool is not None else None
        if line is None:
            raise StopUser()
        client = json.loads(line)
        self.client.cookiejar.clear()
        headers = {
            **FORM,
            "Cookie": f"sessionid={client['session']}; csrftoken={client['csrf']}",
            "X-CSRFToken": client["csrf"],
        }
        post_submit(self.client, f"/s/{plan()['slug']}/submit/", headers)
