"""A differencing attack on a real published wave, through every way numbers leave the platform.

One leader is planted with a combination nobody else has: the only paramedic, an emerging
leader who works only at neighbourhood level among ten emerging leaders who all work at system
and place level, in a sector and a place shared with exactly ten others, answering "strongly
disagree" throughout. Without disclosure control an attacker could isolate them many ways:
all minus the other professions; emerging leaders (11) minus emerging leaders at system
level (10); a sector minus its cell at system level.

The wave is published by the real service, then an attacker collects every group count and
item count published for it from (i) the stored publication the selectors read, (ii) the
dashboard's breakdown pages (HTML tables), (iii) the Excel data pack and the CSV tables and
(iv) the REST API with a personal token. Group membership is recomputed from the stored answers
(and checked against each published count), and the attack fails only if:

- no published count is below k = 10;
- no published group lies inside another with 1 to 9 people between them;
- the planted leader's indicator is outside the linear span of the published groups, for the
  group counts and for each item's contributors: no sum or difference of published figures,
  over any number of groups, isolates them (their item scores cannot be derived).

The same checks on the unprotected groups (every group, hidden or not) do isolate them, so the
attack is a real one.
"""

import io
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from pulse.api.services import api_token_create
from pulse.nonprod.synthetic import WaveModel, synthetic_answers
from pulse.organisations.models import Role
from pulse.organisations.tests.factories import member
from pulse.reports.exports import tables
from pulse.reports.exports.csv_zip import render_csv_zip
from pulse.reports.exports.xlsx import render_xlsx
from pulse.reports.results import Results
from pulse.reports.selectors import results_for_wave
from pulse.reports.services.publication import publication_build
from pulse.reports.tests.builders import results_url, run_wave
from pulse.reports.tests.exports import csv_tables
from pulse.surveys.models import Response, Wave
from pulse.surveys.services.responses import response_create

pytestmark = pytest.mark.django_db

K = 10
#: Items whose scores the attacker wants: one per principle and an involvement item.
TARGET_ITEMS = ("p1_all_professions", "p3_protected_time", "culture_speak_up")
PLANTED_DIMENSIONS = {
    "profession_group": "paramedic",
    "role_level": "emerging",
    "sector": "voluntary_community",
    "place": "halton",
    "layers": ["neighbourhood"],
}
#: A group: ((dimension, code), ...) with zero (everyone), one or two conditions.
Group = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Published:
    """A figure published for a group: its family ("groups" or an item) and its count."""

    family: str
    group: Group
    n: int


@dataclass
class PlantedWave:
    wave: Wave
    results: Results
    people: list[dict[str, Any]]  # every response's answers; the planted leader is last
    collected: dict[str, set["Published"]] = field(default_factory=dict)

    def figures(self, channel: str) -> set["Published"]:
        """What one channel publishes, collected once per module."""
        if channel not in self.collected:
            self.collected[channel] = CHANNELS[channel](self)
        return self.collected[channel]


def _others(count: int, rng: random.Random, wave: Wave) -> Iterator[dict[str, Any]]:
    """Synthetic leaders, with the planted leader's groups shared exactly as the docstring says."""
    model = WaveModel(improvement=0.5, comment_rate=0.3)
    for index in range(count):
        answers = synthetic_answers(wave.definition, rng, wave.places, model)
        if answers.get("profession_group") == "paramedic":
            answers["profession_group"] = "nursing_midwifery"
        answers["role_level"] = "emerging" if index < 10 else rng.choice(["senior", "middle_team"])
        answers["sector"] = "voluntary_community" if 10 <= index < 20 else "nhs_provider"
        answers["place"] = "halton" if 20 <= index < 30 else rng.choice(["liverpool", "wirral"])
        if index < 10:  # emerging leaders: system and place level, never neighbourhood
            answers["layers"] = ["system", "place"]
        yield answers


def _with_layers(answers: dict[str, Any], wave: Wave, layers: list[str]) -> dict[str, Any]:
    """The same answers for a different set of layers (grid keys follow the layers chosen)."""
    grid = {key.split("__")[0] for key in answers if "__" in key}
    kept = {k: v for k, v in answers.items() if "__" not in k}
    values = [v for k, v in answers.items() if "__" in k] or [4]
    for n, (question, layer) in enumerate((q, layer) for q in sorted(grid) for layer in layers):
        kept[f"{question}__{layer}"] = values[n % len(values)]
    return {**kept, "layers": layers}


@pytest.fixture(scope="module")
def planted(django_db_setup: Any, django_db_blocker: Any) -> Iterator[PlantedWave]:
    """Built once for the module (publishing takes seconds), removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            wave = run_wave(title="Planted", improvement=0.0, responses=0, closed_days_ago=3, seed="planted")  # fmt: skip
            rng = random.Random("differencing")
            people = []
            for answers in _others(110, rng, wave):
                if answers["role_level"] == "emerging":
                    answers = _with_layers(answers, wave, answers["layers"])
                people.append(answers)
            template = synthetic_answers(wave.definition, rng, wave.places, WaveModel())
            leader = _with_layers({**template, **PLANTED_DIMENSIONS}, wave, ["neighbourhood"])
            leader |= {k: 1 for k, v in leader.items() if isinstance(v, int) and 1 <= v <= 5}
            people.append(leader)
            for answers in people:
                response_create(wave=wave, answers=answers)
            stored = [r.answers for r in Response.objects.filter(wave=wave)]
            assert len(stored) == len(people)
            publication_build(wave=wave)
            results = results_for_wave(wave=wave)
            assert results is not None
            yield PlantedWave(wave, results, people)
            transaction.set_rollback(True)


# --- membership, recomputed from the stored answers -------------------------------------------


def _answer_key(dimension: str) -> str:
    return "layers" if dimension == "layer" else dimension


def _is_in(answers: dict[str, Any], group: Group) -> bool:
    for dimension, code in group:
        value = answers.get(_answer_key(dimension))
        if not (code in value if isinstance(value, list) else value == code):
            return False
    return True


def _scored(answers: dict[str, Any], item: str) -> bool:
    value = answers.get(item)
    return isinstance(value, int) and 1 <= value <= 5


def members(people: list[dict[str, Any]], figure: Published) -> np.ndarray:
    return np.array(
        [
            _is_in(a, figure.group) and (figure.family == "groups" or _scored(a, figure.family))
            for a in people
        ],
        dtype=float,
    )


def isolates(vectors: list[np.ndarray], person: int) -> bool:
    """Whether some linear combination of the groups' indicator vectors is one person alone."""
    if not vectors:
        return False
    matrix = np.vstack(vectors)
    target = np.zeros(matrix.shape[1])
    target[person] = 1.0
    return bool(np.linalg.matrix_rank(np.vstack([matrix, target])) == np.linalg.matrix_rank(matrix))


# --- what each channel publishes ---------------------------------------------------------------


def _group_of(row: dict[str, Any]) -> Group:
    conditions = [(row.get("dimension_1"), row.get("value_1")), (row.get("dimension_2"), row.get("value_2"))]  # fmt: skip
    return tuple((str(d), str(v)) for d, v in conditions if d)


def _labels(results: Results) -> dict[tuple[str, str], Group]:
    """(breakdown, group) as the exports, API and pages write them -> the group's conditions."""
    sheet = tables.groups_sheet(results)
    rows = results.table("groups").to_dicts()
    return {(r[0], r[1]): _group_of(row) for r, row in zip(sheet.rows, rows, strict=True)}


def _item_figures(
    results: Results, rows: Iterable[tuple[str, str, str, Any]]
) -> Iterator[Published]:
    """(breakdown, group, question key, scored n) rows of an item table, targets only."""
    labels = _labels(results)
    for breakdown, group, question, n in rows:
        if question in TARGET_ITEMS and n not in (None, ""):
            yield Published(question, labels[(breakdown, group)], int(float(n)))


def from_selectors(results: Results) -> set[Published]:
    found = {
        Published("groups", _group_of(r), int(r["n"]))
        for r in results.table("groups").to_dicts()
        if not r["suppressed"]
    }
    found |= {
        Published(r["question_key"], _group_of(r), int(r["n"]))
        for r in results.table("item_scores").to_dicts()
        if not r["suppressed"] and r["question_key"] in TARGET_ITEMS
    }
    return found


def _sheet_figures(results: Results, groups: list[list[Any]], items: list[list[Any]]) -> set[Published]:  # fmt: skip
    labels = _labels(results)
    head = groups[0]
    b, g, n = head.index("Breakdown"), head.index("Group"), head.index("Responses (n)")
    found = {
        Published("groups", labels[(row[b], row[g])], int(float(row[n])))
        for row in groups[1:]
        if row[n] not in (None, "")
    }
    head = items[0]
    cols = [head.index(h) for h in ("Breakdown", "Group", "Question key", "Scored answers (n)")]
    found |= set(_item_figures(results, (tuple(row[c] for c in cols) for row in items[1:])))  # type: ignore[misc]
    return found


def from_xlsx(results: Results) -> set[Published]:
    book = load_workbook(io.BytesIO(render_xlsx(results)), read_only=True)
    sheet = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in ("Groups", "Item scores")}  # fmt: skip
    return _sheet_figures(results, sheet["Groups"], sheet["Item scores"])


def from_csv(results: Results) -> set[Published]:
    files = csv_tables(render_csv_zip(results))
    return _sheet_figures(results, files["groups.csv"], files["item_scores.csv"])


def _api_rows(client: Client, wave: Wave, table: str, secret: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        cache.clear()  # the per-token rate limit is not what this test is about
        reply = client.get(
            f"/api/systems/{wave.ics.ods_code}/waves/{wave.pk}/results/{table}",
            {"page": page, "page_size": 200},
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert reply.status_code == 200, reply.content[:500]
        body = reply.json()
        rows += body["items"]
        if page >= body["pages"]:
            return rows
        page += 1


def from_api(results: Results, wave: Wave) -> set[Published]:
    _, secret = api_token_create(user=member(Role.ICS_VIEWER, "QYG"), name="Attack", valid_days=None)  # fmt: skip
    client = Client()
    labels = _labels(results)
    found = set()
    for row in _api_rows(client, wave, "groups", secret):
        values = row["values"]
        assert row["suppressed"] == (values["n"] is None)
        if values["n"] is not None:
            found.add(Published("groups", labels[(values["breakdown"], values["group"])], values["n"]))  # fmt: skip
    items = _api_rows(client, wave, "item_scores", secret)
    n_key = "n"
    found |= set(
        _item_figures(
            results,
            (
                (r["values"]["breakdown"], r["values"]["group"], r["values"]["question_key"], r["values"][n_key])
                for r in items
            ),
        )
    )  # fmt: skip
    return found


def from_pages(results: Results, wave: Wave) -> set[Published]:
    """The "Responses" column of every table of the breakdown page, for every breakdown."""
    client = Client()
    client.force_login(member(Role.ICS_VIEWER, "QYG"))
    labels = _labels(results)
    by_breakdown: dict[str, dict[str, Group]] = {}
    for (breakdown, group), conditions in labels.items():
        by_breakdown.setdefault(breakdown, {})[group] = conditions
    first = BeautifulSoup(client.get(results_url(wave, "groups/")).content, "html.parser")
    choices = {o["value"]: o.get_text(strip=True) for o in first.select("select[name=by] option")}
    assert len(choices) >= 9
    found = set()
    for code, name in choices.items():
        reply = client.get(results_url(wave, "groups/"), {"by": code})
        assert reply.status_code == 200
        page = BeautifulSoup(reply.content, "html.parser")
        tables_seen = page.select("main table")
        assert tables_seen, name
        for table in tables_seen:
            headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
            if "Responses" not in headers:
                continue
            column = headers.index("Responses")
            for row in table.select("tbody tr"):
                label = row.select_one("th").get_text(" ", strip=True)
                cells = row.select("th, td")
                text = cells[column].get_text(" ", strip=True) if column < len(cells) else ""
                if text.isdigit():
                    found.add(Published("groups", by_breakdown[name][label], int(text)))
    return found


# --- the attack ---------------------------------------------------------------------------------


def _families(figures: set[Published]) -> dict[str, list[Published]]:
    out: dict[str, list[Published]] = {}
    for figure in figures:
        out.setdefault(figure.family, []).append(figure)
    return out


def attack(people: list[dict[str, Any]], figures: set[Published]) -> list[str]:
    """Every way the planted leader (the last person) is exposed by `figures`; [] when none."""
    planted_index = len(people) - 1
    found = []
    for family, published in _families(figures).items():
        vectors = {f: members(people, f) for f in published}
        for figure, vector in vectors.items():
            if figure.n != int(vector.sum()):
                found.append(f"{family} {figure.group}: published {figure.n}, has {vector.sum()}")
            if figure.n < K:
                found.append(f"{family} {figure.group}: {figure.n} people")
        for a, va in vectors.items():
            for b, vb in vectors.items():
                gap = int(va.sum() - vb.sum())
                if a != b and np.all(vb <= va) and 0 < gap < K:
                    found.append(f"{family}: {a.group} minus {b.group} is {gap} people")
        if isolates(list(vectors.values()), planted_index):
            found.append(f"{family}: published groups combine to the planted leader alone")
    return found


CHANNELS = {
    "selectors": lambda p: from_selectors(p.results),
    "xlsx": lambda p: from_xlsx(p.results),
    "csv": lambda p: from_csv(p.results),
    "pages": lambda p: from_pages(p.results, p.wave),
    "api": lambda p: from_api(p.results, p.wave),
}


def test_the_planted_leader_is_exposed_without_disclosure_control(planted: PlantedWave) -> None:
    rows = planted.results.table("groups").to_dicts()
    unprotected = {Published("groups", _group_of(r), 0) for r in rows}
    unprotected = {Published("groups", f.group, int(members(planted.people, f).sum())) for f in unprotected}  # fmt: skip
    found = attack(planted.people, unprotected)
    assert "groups: published groups combine to the planted leader alone" in found
    emerging = (("role_level", "emerging"),)
    assert f"groups: {emerging} minus {(*emerging, ('layer', 'system'))} is 1 people" in found
    assert f"groups {(('profession_group', 'paramedic'),)}: 1 people" in found
    hidden = {_group_of(r) for r in rows if r["suppressed"]}
    assert (("profession_group", "paramedic"),) in hidden
    assert emerging in hidden or (*emerging, ("layer", "system")) in hidden


def test_the_stored_publication_does_not_expose_the_planted_leader(planted: PlantedWave) -> None:
    figures = planted.figures("selectors")
    families = _families(figures)
    assert set(families) == {"groups", *TARGET_ITEMS}
    assert len(families["groups"]) > 30
    assert attack(planted.people, figures) == []


@pytest.mark.parametrize("channel", ["xlsx", "csv", "api"])
def test_the_data_pack_and_the_api_do_not_expose_the_planted_leader(
    planted: PlantedWave, channel: str
) -> None:
    figures = planted.figures(channel)
    assert figures == planted.figures("selectors")
    assert attack(planted.people, figures) == []


def test_the_breakdown_pages_do_not_expose_the_planted_leader(planted: PlantedWave) -> None:
    figures = planted.figures("pages")
    groups = {f for f in planted.figures("selectors") if f.family == "groups"}
    assert len(figures) >= 25 and figures <= groups
    assert attack(planted.people, figures) == []


def test_all_channels_together_do_not_expose_the_planted_leader(planted: PlantedWave) -> None:
    figures = set().union(*(planted.figures(channel) for channel in CHANNELS))
    assert attack(planted.people, figures) == []
