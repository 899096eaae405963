"""A realistic model of how clinical and care professional leaders answer the pulse check.

Used only for demo data. Each synthetic respondent gets:

- a profession (nurses, AHPs, GPs and consultants most common), a sector consistent with it, a
  leadership role level, the layers they work at (most at their own organisation and at place,
  fewer at system or in a provider collaborative) and a place weighted by population;
- a latent *involvement* (standard normal), from which each scale (P1..P5, culture, involvement
  by layer) takes a correlated factor; every agreement item is that factor plus item noise on the
  0-10 scale, rounded to the nearest point of the 5-point scale. The loading and noise give
  inter-item correlations of about 0.45, so a 4 to 6 item scale has Cronbach's alpha of about 0.8;
- scale means that differ plausibly: protected time (P3) lowest, shared learning (P2) highest,
  involvement highest in the respondent's own organisation and lowest at system level;
- "don't know" answers (more often in provider collaboratives and about recruitment), optional
  equality answers often blank or "prefer not to say", and free text from a bank of comments for
  about 30% of respondents.

Everything is drawn from a `random.Random` the caller seeds, so the demo is reproducible.
"""

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pulse.nonprod.comments import ONE_IMPROVEMENT, WORKS_WELL
from pulse.surveys.answers import Slot, shown_slots
from pulse.surveys.definition import PREFER_NOT_TO_SAY, Definition

PROFESSIONS: dict[str, float] = {
    "nursing_midwifery": 22,
    "allied_health_professional": 15,
    "general_practitioner": 14,
    "medical_consultant": 12,
    "pharmacist": 6,
    "social_worker": 6,
    "social_care_professional": 5,
    "paramedic": 4,
    "clinical_psychologist": 3,
    "public_health_consultant": 3,
    "other_doctor": 2.5,
    "healthcare_scientist": 2,
    "optometry": 1.5,
    "general_dental_practitioner": 1,
    "dental_consultant": 0.5,
    "other": 2.5,
}
_HOSPITAL = {"nhs_provider": 88, "icb": 10, "primary_care": 2}
SECTORS_BY_PROFESSION: dict[str, dict[str, float]] = {
    "nursing_midwifery": {"nhs_provider": 64, "primary_care": 12, "icb": 8, "independent_care_provider": 6, "voluntary_community": 4, "local_authority_social_care": 3, "public_health": 3},
    "allied_health_professional": {"nhs_provider": 74, "local_authority_social_care": 8, "primary_care": 7, "icb": 5, "voluntary_community": 4, "independent_care_provider": 2},
    "general_practitioner": {"primary_care": 82, "icb": 14, "nhs_provider": 4},
    "medical_consultant": _HOSPITAL,
    "other_doctor": _HOSPITAL,
    "healthcare_scientist": _HOSPITAL,
    "paramedic": {"nhs_provider": 85, "primary_care": 10, "icb": 5},
    "pharmacist": {"primary_care": 45, "nhs_provider": 40, "icb": 15},
    "social_worker": {"local_authority_social_care": 80, "nhs_provider": 14, "voluntary_community": 6},
    "social_care_professional": {"independent_care_provider": 55, "local_authority_social_care": 30, "voluntary_community": 15},
    "clinical_psychologist": {"nhs_provider": 85, "voluntary_community": 10, "primary_care": 5},
    "public_health_consultant": {"public_health": 75, "local_authority_social_care": 15, "icb": 10},
    "optometry": {"primary_care": 90, "nhs_provider": 10},
    "general_dental_practitioner": {"primary_care": 100},
    "dental_consultant": {"nhs_provider": 100},
    "other": {"nhs_provider": 40, "icb": 20, "voluntary_community": 20, "local_authority_social_care": 15, "other": 5},
}  # fmt: skip
ROLE_LEVELS: dict[str, float] = {
    "system_executive": 10,
    "senior": 38,
    "middle_team": 37,
    "emerging": 15,
}
#: The chance of working at each layer; system leaders work at system level far more often.
LAYER_CHANCE: dict[str, float] = {
    "system": 0.2,
    "place": 0.55,
    "neighbourhood": 0.3,
    "provider_collaborative": 0.12,
    "organisation": 0.8,
}
#: Resident population in thousands (ONS mid-year estimates, rounded); unknown places get 200.
PLACE_POPULATION: dict[str, float] = {
    "Cheshire East": 406,
    "Cheshire West and Chester": 361,
    "Halton": 129,
    "Knowsley": 155,
    "Liverpool": 496,
    "Sefton": 280,
    "St Helens": 184,
    "Warrington": 211,
    "Wirral": 322,
}
EQUALITY: dict[str, dict[str, float]] = {
    "age_band": {"age_under_35": 12, "age_35_to_44": 29, "age_45_to_54": 36, "age_55_and_over": 23},
    "sex": {"female": 64, "male": 36},
    "ethnic_group": {"white": 80, "asian": 10, "black": 5, "mixed": 3, "other_ethnic_group": 2},
    "disability": {"no": 88, "yes": 12},
}
# Scale means on the 0-10 scale before the wave's change and the respondent's own offsets.
SCALE_MEANS: dict[str, float] = {
    "P1": 5.0,
    "P2": 5.9,
    "P3": 3.8,
    "P4": 5.0,
    "P5": 4.7,
    "culture": 5.6,
}
LAYER_MEANS: dict[str, float] = {
    "organisation": 6.2,
    "place": 5.4,
    "neighbourhood": 5.3,
    "provider_collaborative": 4.6,
    "system": 4.4,
}
ITEM_SHIFTS: dict[str, float] = {
    "p3_protected_time": -0.6,
    "p3_own_time": -0.4,
    "p2_collaboration": 0.6,
    "involve_understand_purpose": 0.7,
    "involve_shape_vision": -0.5,
    "culture_hold_back": -0.3,
    "p5_appointed_on_ability": 0.4,
}
ROLE_OFFSETS: dict[str, float] = {
    "system_executive": 0.9,
    "senior": 0.3,
    "middle_team": -0.1,
    "emerging": -0.6,
}
PROFESSION_OFFSETS: dict[str, float] = {
    "medical_consultant": 0.2,
    "general_practitioner": 0.1,
    "allied_health_professional": -0.3,
    "social_care_professional": -0.6,
    "social_worker": -0.3,
    "paramedic": -0.2,
}
LOADING = 1.55  # points on the 0-10 scale per standard deviation of the scale's factor
NOISE = 1.6  # item noise, points on the 0-10 scale
SCALE_CORRELATION = 0.75  # how closely each scale's factor follows the respondent's involvement


@dataclass(frozen=True)
class WaveModel:
    """What differs between waves: the change in every agreement item, and answering habits."""

    improvement: float = 0.0
    dont_know: float = 0.035
    comment_rate: float = 0.3
    equality_blank: float = 0.25
    equality_prefer_not: float = 0.08


def weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Respondent:
    """One synthetic leader: who they are and how involved they feel."""

    profession: str
    sector: str
    role_level: str
    layers: list[str]
    place: str
    offset: float
    factors: dict[str, float] = field(default_factory=dict)
    comments: bool = False


def make_respondent(
    rng: random.Random, places: Sequence[Mapping[str, str]], model: WaveModel
) -> Respondent:
    profession = weighted(rng, PROFESSIONS)
    role_level = weighted(rng, ROLE_LEVELS)
    layers = [
        layer
        for layer, chance in LAYER_CHANCE.items()
        if rng.random() < _layer_chance(layer, chance, profession, role_level)
    ]
    involvement = rng.gauss(0, 1)
    spread = math.sqrt(1 - SCALE_CORRELATION**2)
    return Respondent(
        profession=profession,
        sector=weighted(rng, SECTORS_BY_PROFESSION[profession]),
        role_level=role_level,
        layers=layers or ["organisation"],
        place=_place(rng, places),
        offset=ROLE_OFFSETS[role_level] + PROFESSION_OFFSETS.get(profession, 0.0),
        factors={
            scale: SCALE_CORRELATION * involvement + spread * rng.gauss(0, 1)
            for scale in [*SCALE_MEANS, "involvement", "local"]
        },
        comments=rng.random() < model.comment_rate,
    )


def _layer_chance(layer: str, chance: float, profession: str, role_level: str) -> float:
    if layer == "system" and role_level == "system_executive":
        return 0.75
    if layer == "neighbourhood" and profession in ("general_practitioner", "pharmacist"):
        return 0.6
    return chance


def _place(rng: random.Random, places: Sequence[Mapping[str, str]]) -> str:
    if not places or rng.random() < 0.03:
        return PREFER_NOT_TO_SAY
    weights = {p["code"]: PLACE_POPULATION.get(p["label"], 200) for p in places}
    return weighted(rng, weights)


def agreement(rng: random.Random, mean: float, factor: float, reverse: bool = False) -> int:
    """An answer on the 5-point scale (1..5) for a respondent at `factor` on the scale."""
    level = mean + LOADING * factor + rng.gauss(0, NOISE)
    if reverse:  # agreeing with a negative statement means a low level
        level = 10 - level
    return min(4, max(0, round(level / 2.5))) + 1


def _agreement_slot(slot: Slot, person: Respondent, rng: random.Random, model: WaveModel) -> int:
    question = slot.question
    dont_know = model.dont_know
    if slot.layer == "provider_collaborative" or question.principle == "P5":
        dont_know *= 2.5
    if rng.random() < dont_know:
        return 0
    if slot.layer is not None:
        mean, scale = LAYER_MEANS.get(slot.layer, 5.0), "involvement"
    elif question.construct == "culture":
        mean, scale = SCALE_MEANS["culture"], "culture"
    elif question.principle:
        mean, scale = SCALE_MEANS[question.principle], question.principle
    else:
        mean, scale = 5.5, "local"
    mean += ITEM_SHIFTS.get(question.key, 0.0) + model.improvement + person.offset
    return agreement(rng, mean, person.factors[scale], question.reverse)


def _equality(rng: random.Random, key: str, person: Respondent, model: WaveModel) -> str | None:
    roll = rng.random()
    if roll < model.equality_blank:
        return None
    if roll < model.equality_blank + model.equality_prefer_not:
        return PREFER_NOT_TO_SAY
    weights = dict(EQUALITY[key])
    if key == "sex" and person.profession in ("nursing_midwifery", "allied_health_professional"):
        weights = {"female": 85, "male": 15}
    return weighted(rng, weights)


def _free_text(rng: random.Random, key: str, person: Respondent) -> str | None:
    if not person.comments:
        return None
    if key == "views_works_well":
        return rng.choice(WORKS_WELL) if rng.random() < 0.65 else None
    return rng.choice(ONE_IMPROVEMENT) if rng.random() < 0.85 else None


def _choice(rng: random.Random, slot: Slot) -> Any:
    """Any other question (such as an ICS's own): a plausible answer of the right type."""
    question = slot.question
    codes = [option.code for option in question.options]
    if question.type == "single_choice":
        return rng.choice(codes)
    if question.type == "multiple_choice":
        return rng.sample(codes, rng.randint(1, min(3, len(codes))))
    if question.type == "number":
        low = question.min if question.min is not None else 0
        return rng.randint(low, question.max if question.max is not None else low + 20)
    if question.type == "free_text" and question.required:
        return rng.choice(ONE_IMPROVEMENT)
    return None


def _answer(slot: Slot, person: Respondent, rng: random.Random, model: WaveModel) -> Any:
    key, kind = slot.question.key, slot.question.type
    known = {
        "profession_group": person.profession,
        "sector": person.sector,
        "role_level": person.role_level,
        "layers": person.layers,
    }
    if key in known:
        return known[key]
    if kind == "place":
        return person.place
    if kind in ("agreement", "layer_grid"):
        return _agreement_slot(slot, person, rng, model)
    if key in EQUALITY:
        return _equality(rng, key, person, model)
    if kind == "free_text" and key.startswith("views_"):
        return _free_text(rng, key, person)
    return _choice(rng, slot)


def synthetic_answers(
    definition: Definition,
    rng: random.Random,
    places: Sequence[Mapping[str, str]],
    model: WaveModel,
) -> dict[str, Any]:
    """One respondent's answers to every question they are shown (optional ones may be blank)."""
    person = make_respondent(rng, places, model)
    answers: dict[str, Any] = {}
    for slot in shown_slots(definition, answers):
        value = _answer(slot, person, rng, model)
        if value is not None:
            answers[slot.key] = value
    return answers


def fieldwork_dates(rng: random.Random, opens_on: date, closes_on: date, count: int) -> list[date]:
    """Submission dates: a burst at launch, another after the mid-point reminder and a last one
    before closing, as real surveys see."""
    days = (closes_on - opens_on).days
    weights = [
        1 + 4 * math.exp(-d / 2) + 2 * math.exp(-((d - days / 2) ** 2) / 4)
        + 1.5 * math.exp(-((d - days) ** 2) / 4)
        for d in range(days + 1)
    ]  # fmt: skip
    offsets = rng.choices(range(days + 1), weights=weights, k=count)
    return [opens_on + timedelta(days=offset) for offset in offsets]
