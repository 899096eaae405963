"""A SurveyMonkey-style export of the seed 003 consultation ("Draft design principles"), built
the way SurveyMonkey writes its "expanded" CSV: identification columns (respondent and
collector ids, start and end dates, IP and email addresses, names, custom data), then each
question under its heading with a second heading row naming its parts ("Response",
"Open-Ended Response" or the comment's own wording), and dates as month/day/year with AM/PM.
"""

import csv
import io
import random
from collections.abc import Sequence
from typing import Any

PRINCIPLE = (
    "This principle is the right one to support an ICS to develop effective clinical and care "
    "professional arrangements?"
)
COMMENT = "If you wish, please make a comment to explain your response"
AGREE = ("Strongly agree", "Agree", "Disagree", "Strongly disagree")
IDENTIFYING = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
]
CLINICAL = ("Yes I work in a clinical/care professional role", "No I am a non-clinician/manager")
PROFESSIONS = (
    "Pharmacist",
    "General Medical Practitioner",
    "Registered nurse or midwife (please specify in the comments below)",
    "Social Worker",
)
AREAS = ("Greater Manchester Health and Social Care Partnership", "None of the above")


def questions() -> list[tuple[str, list[str], list[str]]]:
    """(heading, second-row parts, consultation keys) for each question, in export order."""
    found = []
    for n in range(1, 8):
        found.append(
            (
                f"{n}. {PRINCIPLE}",
                ["Response", COMMENT],
                [f"principle_{n}_right", f"principle_{n}_comment"],
            )
        )
    found += [
        ("8. Are there any additional principles that you believe are key to ensuring the development of effective clinical and care professional arrangements in an ICS?", ["Response", "If yes, briefly describe them below"], ["additional_principles", "additional_principles_detail"]),
        ("9. The draft principles above will ensure that clinical and care professional arrangements in an ICS are inclusive of a wide range of disciplines across health and local government partners", ["Response", "If you disagree - please tell us what you believe needs to be in place"], ["inclusive", "inclusive_comment"]),
        ("10. In your view, how important is it to be prescriptive about how an ICS complies with each of the principles to 'make them stick'", ["Response", COMMENT], ["prescriptive", "prescriptive_comment"]),
        ("11. Does your system embody any of the principles already? If so, please tell us what works well", ["Open-Ended Response"], ["works_well"]),
        ("12. If you do not recognise some of the principle in your current system arrangements, please tell us what you think the barriers might be?", ["Open-Ended Response"], ["barriers"]),
        ("13. What can NHS England and NHS Improvement do to support you in making the principles a reality in your system?", ["Open-Ended Response"], ["national_support"]),
        ("14. Are you a clinical or care professional (whether in a patient-facing role or not)?", ["Response"], ["clinical_role"]),
        ("15. If yes, which clinical/care professional group do you work in (please select not applicable if the answer is no)", ["Response", "If you wish to give us more information about your clinical/care professional group pleased do so below"], ["profession_group", "profession_detail"]),
        ("16. Which geographical ICS area do you work in (if applicable)", ["Response"], ["ics_area"]),
    ]  # fmt: skip
    return found


def respondent(rng: random.Random, number: int) -> list[str]:
    """One respondent's row: who they are (to be dropped) and their answers."""
    clinical = number % 4 != 0
    day = 1 + number % 28
    row = [
        str(12_000_000_000 + number),
        "404123456",
        f"03/{day:02d}/2021 09:0{number % 10}:12 AM",
        f"03/{day:02d}/2021 09:2{number % 10}:40 AM",
        f"81.2.69.{number}",
        f"person{number}@example.nhs.uk",
        "Alex",
        f"Surname{number}",
        f"staff-{number}",
    ]
    for _ in range(7):
        row += [rng.choice(AGREE), rng.choice(["", "", "The principle needs to be shorter."])]
    additional = rng.choice(["Yes", "No"])
    row += [additional, "Pharmacy must be part of leadership." if additional == "Yes" else ""]
    row += [rng.choice(AGREE), ""]
    row += [rng.choice(["Very important", "Important", "Unimportant"]), ""]
    row += ["Shared learning sessions.", "", "=SUM(A1:A9) protected time"]
    row += [CLINICAL[0] if clinical else CLINICAL[1]]
    row += [rng.choice(PROFESSIONS) if clinical else "Not applicable", ""]
    row += [rng.choice(AREAS)]
    return row


def export_rows(count: int, seed: int = 3, start: int = 1) -> list[list[str]]:
    first, second = list(IDENTIFYING), [""] * len(IDENTIFYING)
    for heading, parts, _ in questions():
        first += [heading] + [""] * (len(parts) - 1)
        second += parts
    rng = random.Random(seed)
    return [first, second, *(respondent(rng, n) for n in range(start, start + count))]


def export_csv(count: int, seed: int = 3, start: int = 1) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(export_rows(count, seed, start))
    return out.getvalue().encode("utf-8-sig")


def column_keys() -> dict[int, str]:
    """File column index -> the consultation's answer key."""
    index, found = len(IDENTIFYING), {}
    for _, _, keys in questions():
        for key in keys:
            found[index] = key
            index += 1
    return found


#: What the labels that do not match the consultation's own wording mean.
MEANINGS: dict[str, str] = {
    CLINICAL[0]: "yes",
    CLINICAL[1]: "no",
    PROFESSIONS[2]: "registered_nurse_or_midwife",
    "Not applicable": "__blank__",
}


def choices_for(selects: Sequence[Any]) -> dict[str, str]:
    """Form data for the answers page: what each label means (pre-chosen ones kept)."""
    data = {}
    for select in selects:
        chosen = select.select_one("option[selected]")
        label = select.find_previous("label").get_text(strip=True).strip("\u201c\u201d")
        if chosen is not None and chosen["value"]:
            data[select["name"]] = chosen["value"]
        else:  # labels are shortened on the page: match them by their beginning
            shown = label.removesuffix("...")
            data[select["name"]] = next(v for k, v in MEANINGS.items() if k.startswith(shown))
    return data
