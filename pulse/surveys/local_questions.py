"""An ICS's own questions, asked after the standard ones in a final section of the wave."""

from collections.abc import Sequence
from typing import Any

from pulse.surveys.definition import Definition
from pulse.surveys.definition.parse import parse_stored_definition

LOCAL_SECTION_KEY = "local_questions"
LOCAL_SECTION_TITLE = "Questions from your integrated care system"
LOCAL_TYPES = ("agreement", "single_choice", "multiple_choice", "free_text", "number")


def with_local_questions(definition: Definition, local: Sequence[dict[str, Any]]) -> Definition:
    """The definition with `local` appended as one section; validated as a whole, so a local
    question's key can never clash with a standard one."""
    if not local:
        return definition
    data = definition.to_dict()
    data["sections"].append(
        {
            "key": LOCAL_SECTION_KEY,
            "title": LOCAL_SECTION_TITLE,
            "intro": "Your integrated care system added these questions.",
            "questions": list(local),
        }
    )
    return parse_stored_definition(data)
