"""Each principle's open actions from the ICS's action plan, and the change in the principle's
score since its actions started (computed by `pulse.actions.effects` from stored publications)."""

from typing import Any

from pulse.core.formatting import nhs_date
from pulse.reports.results import Results


def principle_actions(results: Results) -> dict[str, dict[str, Any]]:
    """By principle code: the open actions (title, owner, due date, status in words) and the
    sentence about the change since they started ("" until an action has started)."""
    from pulse.actions.effects import principle_progress
    from pulse.actions.presenters import status_text

    return {
        code: {
            "actions": [
                {
                    "title": action.title,
                    "owner": action.owner_label,
                    "due": nhs_date(action.due_on),
                    "status": status_text(action),
                }
                for action in progress.open_actions
            ],
            "change": progress.change_text,
        }
        for code, progress in principle_progress(results).items()
    }
