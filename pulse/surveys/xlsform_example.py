"""Write an example XLSForm: the consultation survey on the draft CCPL design principles.

This is the survey in ``seeds/003`` written the way an ICS analyst would write it in a
spreadsheet (docs/xlsform.md): one group per page, the built-in ``agree5`` agreement scale, a
"please comment" free-text question after each agreement item, conditional follow-up questions
and the profession group as a breakdown dimension.

Usage::

    python -m pulse.surveys.xlsform_example OUTPUT.xlsx
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from pulse.surveys.definition import AGREEMENT_SCALE
from pulse.surveys.xlsform import read_xlsform, write_workbook

FORM_ID = "ccpl-principles-consultation"
TITLE = "Draft design principles for clinical and care professional leadership in ICSs"
DESCRIPTION = (
    "Thank you for taking part. Your views will feed into national guidance on how clinical and "
    "care professional leadership is set up in integrated care systems (ICSs). The principles "
    "give every ICS a framework for designing effective leadership arrangements: please tell "
    "us whether you think they are the right ones."
)
PRINCIPLES = (
    "It is the collective responsibility of everybody in a system to create a collaborative and "
    "permissive culture in which clinical and care professionals from the NHS, public health and "
    "social care, work in partnership with non-clinical/managerial colleagues; recognising and "
    "utilising one another's skills and using their expertise and knowledge to improve people's "
    "lives and tackle inequalities in outcomes and access.",
    "Clinical and care professional leadership, across the NHS, public health, and social care, "
    "is embedded at every level of the system, recognising existing structures and networks as "
    "appropriate; with clear lines of sight and connectivity between the levels, enabling "
    "meaningful dialogue and decision-making.",
    "Systems have clearly described mechanisms and communications processes in place which "
    "ensure full integration of clinicians and care professionals in decision-making, service "
    "change and implementation of ICS priorities. Systems will be able to evidence how this is "
    "working in practice; at every level of the system; and in all functions e.g. place; "
    "provider collaboratives; system change, and in working with patients and local communities.",
    "The work of clinicians and care professionals in leadership roles is equally valued. They "
    "need a clear understanding of the ICS strategy and priorities and require protected time "
    "and resources to undertake transformational activities. They must have access to "
    "appropriate data infrastructure, digital enablers and analytical resources, supporting a "
    "data-driven approach to decision-making and enabling them to effectively address "
    "population health need and the wider determinants of health and health inequalities.",
    "Systems must create a diverse and inclusive talent pool, and adopt open, fair and equitable "
    "ways of identifying current and future leaders which encourage traditionally "
    "under-represented clinical and care profession groups to take on system leadership roles. "
    "System leaders should be champions, enthusiasts, and innovators; people who can influence, "
    "engage, and pull people together around a single, unifying purpose, based on improving "
    "health outcomes and using population health management techniques.",
    "Systems will have a clearly defined support offer that recognises the different skill set, "
    "behaviours and relationships required when working effectively across organisational and "
    "professional boundaries; a clear training and development plan for clinical and "
    "professional leaders at all levels to enable them to work effectively in system roles, and "
    "clear signposting to those local, regional, and national support offers which clinical and "
    "professional leaders in systems can access.",
    "Systems should adopt a 'learning system' approach, supporting a culture of continuous "
    "learning, in which measuring the effectiveness of their clinical and care professional "
    "leadership arrangements, and adapting their approach based on what is/is not working well, "
    "is considered business as usual.",
)
PRINCIPLE_QUESTION = (
    "This principle is the right one to support an ICS to develop effective clinical and care "
    "professional arrangements."
)
COMMENT = "If you wish, please make a comment to explain your response."
PROFESSION_GROUPS = (
    ("allied_health_professional", "Allied health professional (please say which below)"),
    ("clinical_psychologist", "Clinical psychologist"),
    ("dental_consultant", "Dental consultant"),
    ("general_dental_practitioner", "General dental practitioner"),
    ("general_medical_practitioner", "General medical practitioner"),
    ("healthcare_scientist", "Healthcare scientist"),
    ("medical_consultant", "Medical consultant"),
    ("pharmacist", "Pharmacist"),
    ("public_health_consultant", "Public health consultant"),
    ("registered_nurse_or_midwife", "Registered nurse or midwife (please say which below)"),
    ("social_worker", "Social worker"),
    ("other", "Other (please say which below)"),
)
ICS_AREAS = (
    "Bath and North East Somerset, Swindon and Wiltshire",
    "Bedfordshire, Luton and Milton Keynes",
    "Berkshire West",
    "Birmingham and Solihull",
    "Bristol, North Somerset and South Gloucestershire",
    "Buckinghamshire Integrated Care System",
    "Buckinghamshire, Oxfordshire and Berkshire West",
    "Cornwall and the Isles of Scilly",
    "Dorset",
    "Frimley Health and Care",
    "Greater Manchester Health and Social Care Partnership",
    "Hampshire and the Isle of Wight",
    "Hertfordshire and West Essex",
    "Humber, Coast and Vale",
    "Joined up care Derbyshire",
    "Lancashire and South Cumbria",
    "Norfolk and Waveney",
    "North Central London Partners in health and care",
    "North Cumbria Health and Care System",
    "North East London",
    "North West London",
    "Nottinghamshire",
    "One Gloucestershire",
    "Somerset",
    "South East London",
    "South West London Health and Care Partnership",
    "South Yorkshire and Bassetlaw Integrated Care System",
    "Suffolk and North East Essex",
    "Surrey Heartlands Health and Care Partnership",
    "Sussex Health and Care Partnership",
    "West Yorkshire and Harrogate",
    "West Yorkshire and Harrogate Health and Care Partnership",
    "Other (please specify)",
    "None of the above",
)
SURVEY_HEADER = ("type", "name", "label", "hint", "required", "relevant", "construct", "dimension")
CHOICES_HEADER = ("list_name", "name", "label")
SETTINGS_HEADER = ("form_id", "version", "form_title", "description", "estimated_minutes")

Rows = list[tuple[object, ...]]


def code_for(label: str) -> str:
    """A choice name for a label: "Other (please specify)" -> "other"."""
    label = re.sub(r"\(.*?\)", "", label)
    return "_".join(re.findall(r"[a-z0-9]+", label.lower()))


def survey_rows() -> Rows:
    rows: Rows = [SURVEY_HEADER]
    for number, principle in enumerate(PRINCIPLES, start=1):
        rows += [
            ("begin group", f"principle_{number}", f"Principle {number}", principle),
            ("select_one agree5", f"principle_{number}_right", PRINCIPLE_QUESTION, None, "yes", None, "principle_support"),
            ("text", f"principle_{number}_comment", COMMENT, None, "no"),
            ("end group",),
        ]  # fmt: skip
    return rows + _further_views() + _your_system() + _about_you()


def _further_views() -> Rows:
    return [
        ("begin group", "further_views", "Further views"),
        ("select_one yes_no", "additional_principles", "Are there any additional principles that you believe are key to ensuring the development of effective clinical and care professional arrangements in an ICS?", None, "yes"),
        ("text", "additional_principles_detail", "Briefly describe the additional principles.", None, "no", "${additional_principles} = 'yes'"),
        ("select_one agree5", "inclusive", "The draft principles will ensure that clinical and care professional arrangements in an ICS are inclusive of a wide range of disciplines across health and local government partners.", None, "yes"),
        ("text", "inclusive_comment", "If you disagree, please tell us what you believe needs to be in place to make the arrangements inclusive of a wide range of disciplines.", None, "no"),
        ("select_one importance", "prescriptive", "How important is it to be prescriptive about how an ICS complies with each principle to 'make them stick'?", "For example, by mandating structures and mechanisms for clinical and care professional arrangements.", "yes"),
        ("text", "prescriptive_comment", COMMENT, None, "no"),
        ("end group",),
    ]  # fmt: skip


def _your_system() -> Rows:
    return [
        ("begin group", "your_system", "Your system"),
        ("text", "works_well", "Does your system embody any of the principles already? If so, please tell us what works well.", None, "no"),
        ("text", "barriers", "If you do not recognise some of the principles in your current system arrangements, what do you think the barriers might be?", None, "no"),
        ("text", "national_support", "What can NHS England and NHS Improvement do to support you in making the principles a reality in your system?", None, "no"),
        ("end group",),
    ]  # fmt: skip


def _about_you() -> Rows:
    return [
        ("begin group", "about_you", "About you"),
        ("note", "about_you_note", "These questions help us understand who has responded. We only report results for groups of at least 10 people."),
        ("select_one clinical_role", "clinical_role", "Are you a clinical or care professional (whether in a patient-facing role or not)?", None, "yes"),
        ("select_one profession_groups", "profession_group", "Which clinical or care professional group do you work in?", None, "yes", "${clinical_role} = 'yes'", None, "profession_group"),
        ("text", "profession_detail", "If you wish to give us more information about your clinical or care professional group, please do so here.", None, "no", "${clinical_role} = 'yes'"),
        ("select_one ics_areas", "ics_area", "Which geographical ICS area do you work in?", 'If you do not work in one of these areas, choose "None of the above".', "yes"),
        ("text", "ics_area_other", "Which other area do you work in?", None, "no", "${ics_area} = 'other'"),
        ("end group",),
    ]  # fmt: skip


def choice_rows() -> Rows:
    rows: Rows = [CHOICES_HEADER]
    rows += [("agree5", point.code, point.label) for point in AGREEMENT_SCALE]
    rows += [("yes_no", "yes", "Yes"), ("yes_no", "no", "No")]
    importance = ("Very important", "Important", "Unimportant", "Not at all important")
    rows += [("importance", code_for(label), label) for label in importance]
    rows += [
        ("clinical_role", "yes", "Yes, I work in a clinical or care professional role"),
        ("clinical_role", "no", "No, I am a non-clinician or manager"),
    ]
    rows += [("profession_groups", code, label) for code, label in PROFESSION_GROUPS]
    rows += [("ics_areas", code_for(label), label) for label in ICS_AREAS]
    return rows


def consultation_workbook() -> bytes:
    """The consultation survey as XLSForm workbook bytes."""
    settings: Rows = [SETTINGS_HEADER, (FORM_ID, 1, TITLE, DESCRIPTION, 15)]
    sheets: dict[str, Rows] = {
        "survey": survey_rows(),
        "choices": choice_rows(),
        "settings": settings,
    }
    return write_workbook(sheets)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the .xlsx file to write")
    arguments = parser.parse_args(argv)
    workbook = consultation_workbook()
    definition = read_xlsform(workbook)  # proves the example imports before writing it
    arguments.output.write_bytes(workbook)
    print(
        f"Wrote {arguments.output}: {definition.key} version {definition.version}, "
        f"{len(definition.sections)} sections, {len(definition.questions())} questions."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
