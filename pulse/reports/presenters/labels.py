"""Short names for constructs, layers, statements and dimensions, for charts and tables."""

from collections.abc import Mapping

from pulse.analysis.meta import PRINCIPLE_LABELS

LAYER_NAMES: Mapping[str, str] = {
    "system": "System",
    "place": "Place",
    "neighbourhood": "Neighbourhood",
    "provider_collaborative": "Provider collaborative",
    "organisation": "Own organisation",
}
#: How a sentence names a layer: "at system level", "in their own organisation".
LAYER_PHRASES: Mapping[str, str] = {
    "system": "at system level",
    "place": "at place level",
    "neighbourhood": "at neighbourhood level",
    "provider_collaborative": "in provider collaboratives",
    "organisation": "in their own organisation",
}
PRINCIPLES = ("P1", "P2", "P3", "P4", "P5")
CONSTRUCT_NAMES: Mapping[str, str] = {
    **{p: f"Principle {p[1]}: {PRINCIPLE_LABELS[p]}" for p in PRINCIPLES},
    "culture": "Culture",
    "involvement_index": "Overall involvement index",
    **{
        f"involvement_{layer}": f"Involvement: {name.lower()}"
        for layer, name in LAYER_NAMES.items()
    },
}
CONSTRUCT_SHORT: Mapping[str, str] = {
    **{p: f"Principle {p[1]}" for p in PRINCIPLES},
    "culture": "Culture",
    "involvement_index": "Involvement index",
    **{f"involvement_{layer}": name for layer, name in LAYER_NAMES.items()},
}
DIMENSION_NAMES: Mapping[str, str] = {
    "profession_group": "Profession group",
    "sector": "Sector",
    "role_level": "Leadership role",
    "place": "Place",
    "layer": "Level of the system worked at",
    "age_band": "Age",
    "sex": "Sex",
    "ethnic_group": "Ethnic group",
    "disability": "Disability or long-term condition",
}
#: Short names of the standard pulse check's statements (the full text is in the tables).
ITEM_SHORT: Mapping[str, str] = {
    "involve_shape_vision": "Help shape the vision",
    "involve_understand_purpose": "Understand the purpose",
    "involve_decisions": "Involved in decisions",
    "involve_views_sought": "Views are sought",
    "involve_open_information": "Information shared openly",
    "involve_concerns_acted_on": "Concerns acted on",
    "p1_all_professions": "Every profession has a say",
    "p1_diverse_backgrounds": "Diverse backgrounds take part",
    "p1_dialogue": "Regular dialogue with decision makers",
    "p1_frontline_views": "Bring in frontline views",
    "p2_shared_learning": "Organisations share learning",
    "p2_collaboration": "Work with other organisations",
    "p2_patients_communities": "Patients and communities shape change",
    "p2_new_ideas": "Encouraged to try new ideas",
    "p2_spread_good_practice": "Good practice spreads",
    "p3_protected_time": "Protected time",
    "p3_own_time": "Leadership work in own time (reversed)",
    "p3_practical_support": "Practical support",
    "p3_data_analysis": "Shared data and analysis",
    "p3_role_recognised": "Role recognised by employer",
    "p4_development_offer": "Know the development offer",
    "p4_learn_alongside": "Learn alongside other sectors",
    "p4_boundary_skills": "Development for cross-boundary work",
    "p4_time_to_develop": "Released for development",
    "p5_roles_advertised": "Roles advertised openly",
    "p5_appointed_on_ability": "Appointed on ability",
    "p5_fair_chance": "Fair chance for everyone",
    "p5_new_talent_encouraged": "New talent encouraged",
    "culture_speak_up": "Safe to speak up",
    "culture_hold_back": "Hold back concerns (reversed)",
    "culture_learn_not_blame": "Learning, not blame",
    "culture_compassion": "Kindness under pressure",
    "culture_included": "Feel included and valued",
    "culture_shared_leadership": "Anyone can lead",
}


def construct_name(key: str, fallback: str | None = None) -> str:
    return CONSTRUCT_NAMES.get(key) or fallback or key.replace("_", " ").capitalize()


def construct_short(key: str, fallback: str | None = None) -> str:
    return CONSTRUCT_SHORT.get(key) or fallback or key.replace("_", " ").capitalize()


def item_short(question_key: str, text: str | None, limit: int = 40) -> str:
    """A statement's short name; other instruments' statements are shortened to `limit`."""
    if question_key in ITEM_SHORT:
        return ITEM_SHORT[question_key]
    text = (text or question_key).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def dimension_name(key: str) -> str:
    return DIMENSION_NAMES.get(key, key.replace("_", " ").capitalize())


def layer_name(layer: str) -> str:
    return LAYER_NAMES.get(layer, layer.replace("_", " ").capitalize())
