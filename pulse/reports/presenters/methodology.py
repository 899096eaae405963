"""The methodology: how scores are made, the disclosure rules and the size of every group."""

from typing import Any

from pulse.reports.presenters import formatting as fmt
from pulse.reports.presenters.breakdowns import short_option
from pulse.reports.presenters.labels import dimension_name
from pulse.reports.results import Results


def scoring_paragraphs() -> list[str]:
    return [
        "Each answer on the agreement scale is scored from 0 (strongly disagree) to 10 "
        "(strongly agree): 0, 2.5, 5, 7.5 and 10. Statements written the other way round, such "
        "as “I hold back from raising a concern”, are scored in reverse. “Don't know or not "
        "applicable” is left out.",
        "A leader's score for a principle or scale is the mean of their scores for its "
        "statements, when they answered at least half of them. A group's score is the mean of "
        "its leaders' scores, shown with a 95% confidence interval. % positive is the share of "
        "leaders whose score is 7.5 or more: on average they agree.",
        "The overall involvement index is, for each leader, the mean of their involvement "
        "scores at the levels of the system where they work, averaged over all leaders.",
        "Changes between surveys are tested with Welch's t-test (scores) and a two-proportion "
        "test (% positive). The false discovery rate is held at 5% within each family of "
        "comparisons: the whole system's scores, its statements, and the same within groups.",
    ]


def disclosure_paragraphs(k: int) -> list[str]:
    return [
        f"No figure is shown for a group of fewer than {k} people: it says “fewer than {k} "
        "responses” instead. Comments are summarised as themes only for groups of at least 20 "
        "comments, after names, contact details and other identifiers are removed.",
        f"Some groups of {k} or more people are hidden too (“hidden to protect a small group”), "
        "because their figures could otherwise be combined with others, such as the total, to "
        f"work out the answers of fewer than {k} people.",
        "Every figure in this report, on the results pages and in the downloads comes from one "
        "stored set of results, made once when the survey was published.",
    ]


def group_size_rows(results: Results) -> list[list[dict[str, Any]]]:
    """Responses in every group of the breakdown list (hidden groups say why)."""
    rows = []
    for group in results.table("groups").to_dicts():
        if group["dimension_1"] is None:
            breakdown, name = "Whole system", "Everyone who answered"
        else:
            breakdown = dimension_name(group["dimension_1"])
            name = short_option(group["label_1"])
            if group["dimension_2"]:
                breakdown += f" by {dimension_name(group['dimension_2']).lower()}"
                name += f", {short_option(group['label_2'])}"
        size = (
            fmt.hidden_cell(group["reason"], results.k)
            if group["suppressed"]
            else fmt.cell(fmt.count(group["n"]))
        )
        rows.append([{"text": breakdown}, {"text": name}, size])
    return rows
