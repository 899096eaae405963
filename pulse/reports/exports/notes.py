"""The notes that open every data pack: what each table is, and the rules behind it."""

from pulse.core.formatting import nhs_date
from pulse.reports.breakdowns import breakdown_code
from pulse.reports.exports.tables import Sheet
from pulse.reports.presenters.breakdowns import breakdown_label
from pulse.reports.presenters.methodology import disclosure_paragraphs, scoring_paragraphs
from pulse.reports.presenters.overview import response_rate_text
from pulse.reports.results import Results


def notes_rows(results: Results, sheets: list[Sheet]) -> list[list[str]]:
    """Two columns: a heading or sheet name, and its text."""
    wave, k = results.wave, results.k
    rows = [
        ["Leadership Pulse data pack", f"{wave.ics.name}: {wave.title}"],
        [
            "Survey",
            f"{wave.version}, fieldwork {nhs_date(wave.opens_on)} to {nhs_date(wave.closes_on)}",
        ],
        ["Results computed", nhs_date(results.publication.computed_at, with_time=True)],
        ["Minimum group size (k)", str(k)],
        ["Response rate", response_rate_text(results)],
        [
            "Breakdowns",
            "; ".join(f"{breakdown_label(b)} ({breakdown_code(b)})" for b in results.breakdowns),
        ],
        ["", ""],
        ["Sheet", "What it holds"],
    ]
    rows += [[sheet.name, sheet.description] for sheet in sheets]
    rows += [
        ["", ""],
        [
            "How hidden figures are shown",
            f"A hidden row keeps its labels, has no numbers, and says why in its Note column: “Fewer than {k} responses”, or “Hidden to protect a small group” when showing it would let someone work out the answers of a smaller group. No file has a row per person or a count of answers below {k}.",
        ],
    ]
    rows += [["Disclosure rules", text] for text in disclosure_paragraphs(k)]
    rows += [["Scoring", text] for text in scoring_paragraphs()]
    rows += [
        [
            "Columns ending (n)",
            "Numbers of people: responses in a group, or people who answered a statement.",
        ],
        [
            "Text starting with = + - or @",
            "Shown with an apostrophe in front, so that spreadsheet programs do not run it as a formula.",
        ],
    ]
    return rows
