"""Who may open each page and use each API operation: the declared policy that
`test_authorisation_matrix.py` checks against the running application (see docs/authorisation.md).

Each URL name (and each API operationId) has one `Rule`. A rule names its scope and the callers
who may use it for the own system; everything else follows from the scope:

- anonymous visitors and respondents are sent to sign in (`SIGN_IN`) from every page that needs
  an account, and so is an ICS admin who has not given their second factor, from every page
  but the sign-in pages (the MFA middleware signs them out);
- a signed-in caller without the role gets 403 ("You do not have permission");
- for the other system's URL, only callers whose scope covers it (national analysts, platform
  admins) get what they get for their own; everyone else gets 403;
- the own system's URL with another system's object ID ("cross") is 404 for callers who hold
  the page's permission (the object is looked up within the system only) and 403 for others;
- a refused POST changes nothing.

The sets of callers are written out here on purpose, not read from
`pulse.organisations.permissions`: a change there that lets a role in must fail this test.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from pulse.surveys.wording import (
    DEFAULT_INVITATION_BODY,
    DEFAULT_REMINDER_BODY,
    DEFAULT_REMINDER_SUBJECT,
)
from pulse.surveys.xlsform_example import consultation_workbook
from pulse.tests.authorisation_world import (
    ADMIN,
    ADMIN_NO_MFA,
    ANONYMOUS,
    CALLERS,
    DJANGO_STAFF,
    MODERATOR,
    NATIONAL,
    PANEL,
    PLATFORM,
    REGIONAL,
    RESPONDENT,
    RESULTS_CSV,
    STAFF,
    VIEWER,
)

SIGN_IN = "sent to sign in"
ADMIN_SIGN_IN = "sent to the Django admin's sign-in"
NOT_ALLOWED = 405
LET_IN = "let in"  # an allowed POST: any reply but a refusal (a form with errors is fine)

# Scopes
PUBLIC = "public"  # anyone, no account needed
ACCOUNT = "account"  # anyone signed in
ICS_PAGE = "ics"  # inside one system: /ics/<ics_code>/...
REGION = "region"  # /regions/<region_code>/...
ENGLAND = "england"
PLATFORM_PAGE = "platform"
SURVEY = "survey"  # the respondent journey under /s/: no account, the browser's draft decides

MEMBERS = frozenset({STAFF, MODERATOR, PANEL, VIEWER, ADMIN})
SIGNED_IN = MEMBERS | {REGIONAL, NATIONAL, PLATFORM, DJANGO_STAFF}
#: Who sees the system's home page: its members, the analysts who cover it, platform admins.
ICS_READERS = MEMBERS | {REGIONAL, NATIONAL, PLATFORM}
ICS_ADMINS = frozenset({ADMIN, PLATFORM})
RESULTS_READERS = frozenset({ADMIN, VIEWER, REGIONAL, NATIONAL, PLATFORM})
IDEAS_READERS = frozenset({STAFF, MODERATOR, VIEWER, ADMIN, PLATFORM})
IDEAS_POSTERS = frozenset({STAFF, MODERATOR, ADMIN, PLATFORM})
MODERATORS = frozenset({MODERATOR, ADMIN, PLATFORM})
ASSESSMENT_READERS = frozenset({PANEL, VIEWER, ADMIN, PLATFORM})
ASSESSMENT_RESULTS = frozenset({VIEWER, ADMIN, PLATFORM})
PLAN_READERS = frozenset({VIEWER, ADMIN, PLATFORM})
ANALYSTS = frozenset({REGIONAL, NATIONAL, PLATFORM})
EVERYONE = frozenset(CALLERS)
#: Callers whose scope covers the other system (another region): they see it as their own.
COVER_OTHER = frozenset({NATIONAL, PLATFORM})


@dataclass(frozen=True)
class Ref:
    """A posted value naming an object of the system the URL is for (`Side.objects`): its ID,
    or an attribute (`wave_draft.version_id`)."""

    name: str


@dataclass(frozen=True)
class Upload:
    """A posted file: a new one is made for each request (a file can be read only once)."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Post:
    """A form post. `data` is what the form would send; `changes_by` names a caller for whom
    this data, posted for their own system, really changes something (so "a refused post
    changes nothing" is not true merely because the data was wrong). `watch` names objects of
    the system (`Side.objects`) that the post changes but the URL does not name, for the
    fingerprint to cover too."""

    data: dict[str, object] = field(default_factory=dict)
    changes_by: str | None = None
    watch: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    scope: str
    #: Callers who get `ok` for the own system (or own region; every caller for public pages).
    allowed: frozenset[str] = frozenset()
    #: URL arguments: the name of an object of the system (`Side.objects`), or a literal.
    args: dict[str, str] = field(default_factory=dict)
    #: What an allowed GET gets; None for a POST-only URL (every GET is 405).
    ok: int | None = 200
    post: Post | None = None
    #: What an allowed POST gets, when it is not simply let in.
    post_ok: int | str | None = None
    #: Callers who hold the page's permission but are refused by a later check, and what they
    #: get (the rating pages: 404 for a round one is not on the panel of).
    also: dict[str, int] = field(default_factory=dict)
    #: What a refused signed-in caller gets (public and survey pages: what everyone else gets).
    refused: int | str = 403
    #: The state both systems are put in, inside each request's savepoint, before the request
    #: (a name in `authorisation_world.GIVEN`): for pages that need a state the world cannot
    #: hold for good, such as a round being rated while another is agreeing levels.
    given: str = ""
    why: str = ""


def _ics(allowed: frozenset[str], **kw: object) -> Rule:
    return Rule(ICS_PAGE, allowed, **kw)  # type: ignore[arg-type]


def _form(**data: object) -> Post:
    """A post that changes something when the system's ICS admin sends it."""
    return Post(dict(data), changes_by=ADMIN)


def _date(name: str, days: int) -> dict[str, str]:
    """The day, month and year inputs of a date field, `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}  # fmt: skip


#: A new survey of the system's own questionnaire, and a draft's settings changed.
WAVE = {"version": Ref("version"), "title": "Pulse check 2027", **_date("opens_on", 7),
        **_date("closes_on", 28), "open_link_enabled": "no", "access_code": ""}  # fmt: skip
DRAFT_WAVE = {**WAVE, "version": Ref("wave_draft.version_id"), "title": "Renamed pulse check"}
#: The wave_draft's reminder, between its opening and closing dates.
REMINDER = _date("reminder_1", 2)
ACTION = {"title": "Give every place forum a social care seat", "description": "",
          "principle": "P1", "indicator": "", "question_key": "", "owner": "",
          "owner_name": "Place leadership forum", **_date("due_on", 90), "status": "not_started"}  # fmt: skip
CHALLENGE = {"title": "Protected time to lead", "finding": "",
             "question": "How could we free up time for leaders to work on system priorities?",
             "description": "Leaders tell us they have no time.",
             **_date("opens_on", 0), **_date("closes_on", 30)}  # fmt: skip


def _each(prefixes: tuple[str, ...], **fields: str) -> dict[str, object]:
    """The same answer for each of several forms on one page, each named by its prefix."""
    return {f"{prefix}-{name}": value for prefix in prefixes for name, value in fields.items()}


#: The pulse check's first section, "About you", as a pharmacist answers it.
ABOUT_YOU = {"profession_group": "pharmacist", "sector": "icb", "role_level": "senior",
             "layers": ["system", "place"], "place": "wirral", "action": "continue"}  # fmt: skip
#: The framework's gateway questions and the indicators of its principle P1 (v1.yaml).
GATEWAY_KEYS = ("ce1_framework_and_plan", "ce2_leaders_involved")
P1_KEYS = ("p1_professions_in_decisions", "p1_every_layer", "p1_frontline_views",
           "p1_open_information", "p1_concerns_acted_on", "p1_diverse_backgrounds")  # fmt: skip

#: The object each URL argument names, by the argument's name, unless a rule says otherwise:
#: an object of the system (`authorisation_world.Side.objects`), an attribute of one
#: (`wave_open.open_link_slug`), or a literal (`=pdf`). `ics`, `region`, `benchmark` and
#: `token` (the caller's own API token) are resolved by the test.
DEFAULT_ARGS = {
    "ics_code": "ics",
    "place_id": "place",
    "partner_id": "partner",
    "membership_id": "membership",
    "wave_id": "wave_draft",
    "participant_id": "participant",
    "upload_id": "upload",
    "version_id": "version",
    "round_id": "round_agreeing",
    "panel_member_id": "seat",
    "action_id": "action",
    "challenge_id": "challenge",
    "idea_id": "idea",
    "comment_id": "comment",
    "kind": "=idea",
    "post_id": "idea",
    "stage_id": "stage",
    "domain_id": "domain",
    "token_id": "token",
    "region_code": "region",
    "benchmark_id": "benchmark",
    "slug": "wave_open.open_link_slug",
}

URLS: dict[str, Rule] = {
    # Public pages
    "core:start": Rule(PUBLIC, EVERYONE),
    "core:privacy": Rule(PUBLIC, EVERYONE),
    "core:accessibility": Rule(PUBLIC, EVERYONE),
    "core:cookies": Rule(PUBLIC, EVERYONE),
    "core:audit_log": Rule(PLATFORM_PAGE, frozenset({PLATFORM})),
    "accounts:sign_in": Rule(
        PUBLIC,
        EVERYONE,
        post=Post(),
        why="Post(): no post is refused (anyone may sign in), so data would prove nothing here",
    ),
    "accounts:sign_in_code": Rule(
        PUBLIC,
        EVERYONE,
        ok=SIGN_IN,
        post=Post(),
        post_ok=SIGN_IN,
        why="without a pending sign-in it goes back to sign in (Post(): no code to check)",
    ),
    "accounts:set_up_mfa": Rule(
        PUBLIC,
        SIGNED_IN | {ADMIN_NO_MFA},
        post=Post(),
        refused=SIGN_IN,
        why="only for the person signing in: others go to sign in. Post(): a valid post needs "
        "the current code of a secret the page makes, which the test cannot know",
    ),
    "accounts:sign_out": Rule(
        PUBLIC,
        EVERYONE,
        ok=None,
        post=Post(),
        why="Post(): signing out ends the session only, and no post is refused",
    ),
    "accounts:password_reset": Rule(
        PUBLIC,
        EVERYONE,
        post=Post(),
        why="Post(): a reset only sends an email, and no post is refused",
    ),
    "accounts:password_reset_sent": Rule(PUBLIC, EVERYONE),
    "accounts:password_reset_confirm": Rule(
        PUBLIC, EVERYONE, args={"uidb64": "=MQ", "token": "=not-a-token"}
    ),
    "accounts:password_set_done": Rule(PUBLIC, EVERYONE),
    "ideas:sign_in": Rule(
        PUBLIC,
        EVERYONE,
        post=Post({"email": "new.person@qyg.example.nhs.uk", "ics": "QYG"}, changes_by=ANONYMOUS),
        why="an address in a domain the system allows: a sign-in link is made and emailed",
    ),
    "ideas:sign_in_sent": Rule(PUBLIC, EVERYONE),
    "ideas:follow_link": Rule(PUBLIC, EVERYONE, ok=410, why="no token: the link does not work"),
    "ideas:confirm_sign_in": Rule(
        PUBLIC,
        EVERYONE,
        ok=410,
        post=Post(),
        post_ok=410,
        why="Post(): no link followed in this browser, so there is no sign-in to confirm",
    ),
    # Anyone signed in: their own account and API tokens
    "accounts:home": Rule(ACCOUNT, SIGNED_IN),
    "accounts:account": Rule(ACCOUNT, SIGNED_IN),
    "accounts:list_api_tokens": Rule(ACCOUNT, SIGNED_IN),
    "accounts:add_api_token": Rule(ACCOUNT, SIGNED_IN, post=_form(name="R scripts", expiry="30")),
    "accounts:revoke_api_token": Rule(
        ACCOUNT,
        SIGNED_IN,
        args={"token_id": "token"},
        post=_form(),
        why="only one's own tokens: another person's is not found",
    ),
    # The system's own pages
    "organisations:show_ics": _ics(ICS_READERS),
    "organisations:list_places": _ics(ICS_ADMINS),
    "organisations:add_place": _ics(ICS_ADMINS, post=_form(name="Knowsley")),
    "organisations:edit_place": _ics(
        ICS_ADMINS, args={"place_id": "place"}, post=_form(name="Renamed")
    ),
    "organisations:remove_place": _ics(ICS_ADMINS, args={"place_id": "place"}, post=_form()),
    "organisations:list_partners": _ics(ICS_ADMINS),
    "organisations:add_partner": _ics(
        ICS_ADMINS, post=_form(name="New Trust", sector="nhs_provider", ods_code="")
    ),
    "organisations:edit_partner": _ics(
        ICS_ADMINS,
        args={"partner_id": "partner"},
        post=_form(name="Renamed Trust", sector="nhs_provider", ods_code=""),
    ),
    "organisations:remove_partner": _ics(ICS_ADMINS, args={"partner_id": "partner"}, post=_form()),
    "organisations:list_members": _ics(ICS_ADMINS),
    "organisations:add_member": _ics(
        ICS_ADMINS,
        post=_form(email="new.person@example.nhs.uk", full_name="New Person", role="ics_viewer"),
    ),
    "organisations:remove_member": _ics(
        ICS_ADMINS, args={"membership_id": "membership"}, post=_form()
    ),
    # Surveys (ICS admins)
    "surveys:list_waves": _ics(ICS_ADMINS),
    "surveys:create_wave": _ics(ICS_ADMINS, post=_form(**WAVE)),
    "surveys:show_wave": _ics(ICS_ADMINS),
    "surveys:edit_wave": _ics(ICS_ADMINS, post=_form(**DRAFT_WAVE)),
    "surveys:open_wave": _ics(ICS_ADMINS, post=_form()),
    "surveys:close_wave": _ics(ICS_ADMINS, args={"wave_id": "wave_open"}, post=_form()),
    "surveys:publish_wave": _ics(ICS_ADMINS, args={"wave_id": "wave_closed"}, post=_form()),
    "surveys:add_local_question": _ics(
        ICS_ADMINS,
        post=_form(
            type="agreement",
            text="I know who my place's CCPL lead is.",
            hint="",
            required="yes",
            options="",
            principle="P1",
        ),
    ),
    "surveys:remove_local_question": _ics(
        ICS_ADMINS, args={"key": "=" + "local_team"}, post=_form()
    ),
    "surveys:list_participants": _ics(ICS_ADMINS),
    "surveys:upload_participants": _ics(
        ICS_ADMINS, post=_form(file=Upload("people.csv", b"Email\nnew.leader@example.nhs.uk\n"))
    ),
    "surveys:remove_participant": _ics(
        ICS_ADMINS, args={"participant_id": "participant"}, post=_form()
    ),
    "surveys:edit_invitations": _ics(
        ICS_ADMINS,
        post=_form(
            invitation_subject="((survey_title)): have your say",
            invitation_body=DEFAULT_INVITATION_BODY,
            reminder_subject=DEFAULT_REMINDER_SUBJECT,
            reminder_body=DEFAULT_REMINDER_BODY,
        ),
    ),
    "surveys:preview_invitations": _ics(ICS_ADMINS),
    "surveys:edit_reminders": _ics(ICS_ADMINS, post=_form(**REMINDER)),
    "surveys:show_fieldwork": _ics(ICS_ADMINS, args={"wave_id": "wave_open"}),
    "surveys:upload_results": _ics(
        ICS_ADMINS,
        args={"wave_id": "wave_closed"},
        post=_form(file=Upload("export.csv", RESULTS_CSV)),
    ),
    "surveys:map_result_columns": _ics(
        ICS_ADMINS,
        args={"wave_id": "wave_closed", "upload_id": "upload"},
        post=_form(
            column_0="layers",
            column_1="place",
            column_2="more",
            column_3="years",
            column_4="involved__place",
            column_5="",
            date_column="",
        ),
        why="the upload's columns, but the last one (I feel valued) is not imported",
    ),
    "surveys:map_result_answers": _ics(
        ICS_ADMINS,
        args={"wave_id": "wave_closed", "upload_id": "upload"},
        post=_form(answer_0="place", answer_1="wirral", answer_2="no", answer_3="5", answer_4="4"),
        why="Place, Wirral, No, Agree, Agree: agreeing to being involved becomes strongly",
    ),
    "surveys:preview_results": _ics(
        ICS_ADMINS,
        args={"wave_id": "wave_closed", "upload_id": "upload"},
        post=_form(save_as="SurveyMonkey export"),
    ),
    "surveys:list_instruments": _ics(ICS_ADMINS),
    "surveys:import_instrument": _ics(
        ICS_ADMINS, post=_form(file=Upload("consultation.xlsx", consultation_workbook()))
    ),
    "surveys:export_instrument": _ics(ICS_ADMINS, args={"version_id": "version"}),
    "surveys:download_example_workbook": _ics(ICS_ADMINS),
    # Results
    "reports:list_results": _ics(RESULTS_READERS),
    "reports:edit_benchmark_consent": _ics(ICS_ADMINS, post=_form(named="yes")),
    **{
        f"reports:{name}": _ics(RESULTS_READERS, args={"wave_id": "wave_published"})
        for name in (
            "show_results",
            "show_layers",
            "show_principles",
            "show_change",
            "show_breakdowns",
            "show_questions",
            "show_benchmark",
            "show_reliability",
            "show_comments",
        )
    },
    "reports:list_downloads": _ics(
        RESULTS_READERS,
        args={"wave_id": "wave_published"},
        post=Post({"format": "csv"}, changes_by=VIEWER),
    ),
    "reports:download_report": _ics(
        RESULTS_READERS,
        args={"wave_id": "wave_published", "file_format": "=pdf"},
        ok=302,
        why="no file prepared yet: back to the downloads page",
    ),
    # Self-assessment
    "assessments:list_rounds": _ics(ASSESSMENT_READERS),
    "assessments:open_round": _ics(
        ICS_ADMINS,
        post=_form(title="Culture self-assessment 2027", **_date("rating_deadline", 21)),
        given="no round is running",
    ),
    "assessments:show_round": _ics(ICS_ADMINS),
    "assessments:edit_round": _ics(
        ICS_ADMINS,
        post=_form(title="Renamed self-assessment", **_date("rating_deadline", 30)),
        given="a round is being rated",
    ),
    "assessments:add_panel_member": _ics(
        ICS_ADMINS,
        post=_form(email="new.rater@example.nhs.uk", full_name="New Rater"),
        given="a round is being rated",
    ),
    "assessments:remove_panel_member": _ics(
        ICS_ADMINS,
        args={"panel_member_id": "seat"},
        post=_form(),
        given="a round is being rated",
    ),
    "assessments:close_rating": _ics(ICS_ADMINS, post=_form(), given="a round is being rated"),
    "assessments:complete_round": _ics(
        ICS_ADMINS, post=_form(), why="the world's round agreeing levels has agreed every one"
    ),
    "assessments:show_my_ratings": _ics(frozenset({PANEL}), also={ADMIN: 404, PLATFORM: 404}),
    "assessments:rate_gateway": _ics(
        frozenset({PANEL}),
        post=Post(
            _each(GATEWAY_KEYS, answer="partly", evidence="Board minutes", evidence_link=""),
            changes_by=PANEL,
        ),
        also={ADMIN: 404, PLATFORM: 404},
        given="the panel member has not started rating",
    ),
    "assessments:submit_ratings": _ics(
        frozenset({PANEL}),
        post=Post(changes_by=PANEL, watch=("seat",)),
        also={ADMIN: 404, PLATFORM: 404},
        given="the panel member is rating",
    ),
    "assessments:rate_principle": _ics(
        frozenset({PANEL}),
        args={"code": "=P1"},
        post=Post(
            _each(P1_KEYS, level="2", confidence="medium", evidence="", evidence_link=""),
            changes_by=PANEL,
        ),
        also={ADMIN: 404, PLATFORM: 404},
        given="the panel member has not started rating",
    ),
    "assessments:show_consensus": _ics(frozenset({PANEL, ADMIN, PLATFORM}), also={VIEWER: 404}),
    "assessments:agree_gateway": _ics(
        ICS_ADMINS,
        args={"key": "gateway_key"},
        post=_form(answer="yes", evidence="The board's minutes"),
    ),
    "assessments:agree_indicator": _ics(
        ICS_ADMINS,
        args={"key": "indicator_key"},
        post=_form(level="3", rationale="Agreed after discussion", evidence="Forum minutes"),
    ),
    "assessments:show_results": _ics(ASSESSMENT_RESULTS, args={"round_id": "round_completed"}),
    "assessments:list_downloads": _ics(
        ASSESSMENT_RESULTS,
        args={"round_id": "round_completed"},
        post=Post({"format": "pdf"}, changes_by=VIEWER),
    ),
    "assessments:download_report": _ics(
        ASSESSMENT_RESULTS, args={"round_id": "round_completed", "file_format": "=pdf"}, ok=302
    ),
    # Action plan
    "actions:list_actions": _ics(PLAN_READERS),
    "actions:add_action": _ics(ICS_ADMINS, post=_form(**ACTION)),
    "actions:show_action": _ics(PLAN_READERS, args={"action_id": "action"}),
    "actions:edit_action": _ics(
        ICS_ADMINS,
        args={"action_id": "action"},
        post=_form(**{**ACTION, "title": "Renamed action", "status": "in_progress"}),
    ),
    "actions:add_note": _ics(
        ICS_ADMINS, args={"action_id": "action"}, ok=None, post=_form(text="Met the forum")
    ),
    "actions:list_downloads": _ics(PLAN_READERS, post=Post(changes_by=VIEWER)),
    "actions:download_plan": _ics(PLAN_READERS, ok=302),
    # Ideas
    "ideas:list_challenges": _ics(IDEAS_READERS),
    "ideas:add_challenge": _ics(ICS_ADMINS, post=_form(**CHALLENGE)),
    "ideas:show_challenge": _ics(IDEAS_READERS, args={"challenge_id": "challenge"}),
    "ideas:edit_challenge": _ics(
        ICS_ADMINS,
        args={"challenge_id": "challenge"},
        post=_form(**{**CHALLENGE, "title": "Renamed challenge"}),
    ),
    "ideas:add_idea": _ics(
        IDEAS_POSTERS,
        args={"challenge_id": "challenge"},
        post=_form(title="Shared learning sets", description="Monthly sets.", post_as="named"),
    ),
    "ideas:list_idea_downloads": _ics(
        MODERATORS,
        args={"challenge_id": "challenge"},
        post=Post({"format": "csv"}, changes_by=MODERATOR),
    ),
    "ideas:export_ideas_csv": _ics(MODERATORS, args={"challenge_id": "challenge"}, ok=302),
    "ideas:export_ideas_xlsx": _ics(MODERATORS, args={"challenge_id": "challenge"}, ok=302),
    "ideas:show_idea": _ics(IDEAS_READERS),
    "ideas:edit_idea": _ics(
        frozenset({STAFF}),
        post=Post(
            {"title": "Changed", "description": "Changed.", "post_as": "named"}, changes_by=STAFF
        ),
        also={MODERATOR: 403, ADMIN: 403, PLATFORM: 403},
        why="the author only",
    ),
    "ideas:support_idea": _ics(IDEAS_POSTERS, ok=None, post=_form()),
    "ideas:withdraw_support": _ics(
        IDEAS_POSTERS,
        ok=None,
        post=Post(changes_by=MODERATOR),
        why="the moderator supports the idea",
    ),
    "ideas:add_comment": _ics(IDEAS_POSTERS, ok=None, post=_form(body="I agree", post_as="named")),
    "ideas:reply_comment": _ics(
        IDEAS_POSTERS,
        args={"comment_id": "comment"},
        post=_form(body="Thanks", post_as="named"),
    ),
    "ideas:report_idea": _ics(IDEAS_POSTERS, post=_form(reason="Names a colleague")),
    "ideas:report_comment": _ics(
        IDEAS_POSTERS,
        args={"comment_id": "comment"},
        post=_form(reason="Names a colleague"),
    ),
    "ideas:move_idea": _ics(
        MODERATORS,
        post=Post({"stage": Ref("stage"), "feedback": "Not for this year."}, changes_by=MODERATOR),
    ),
    "ideas:list_my_ideas": _ics(IDEAS_POSTERS),
    "ideas:list_reports": _ics(MODERATORS),
    "ideas:hide_post": _ics(
        MODERATORS,
        args={"kind": "=idea", "post_id": "idea"},
        post=_form(reason="Names a colleague"),
    ),
    "ideas:restore_post": _ics(
        MODERATORS,
        args={"kind": "=comment", "post_id": "comment_hidden"},
        post=Post(changes_by=MODERATOR),
    ),
    "ideas:dismiss_reports": _ics(
        MODERATORS, args={"kind": "=idea", "post_id": "idea"}, post=_form()
    ),
    "ideas:list_stages": _ics(ICS_ADMINS),
    "ideas:add_stage": _ics(ICS_ADMINS, post=_form(name="Piloting", kind="active")),
    "ideas:edit_stage": _ics(
        ICS_ADMINS, args={"stage_id": "stage"}, post=_form(name="Not this year", kind="closed")
    ),
    "ideas:move_stage": _ics(
        ICS_ADMINS,
        args={"stage_id": "stage"},
        ok=None,
        post=_form(direction="up"),
        why="the last stage",
    ),
    "ideas:remove_stage": _ics(
        ICS_ADMINS, args={"stage_id": "stage"}, post=_form(), why="no idea is at that stage"
    ),
    "ideas:list_domains": _ics(ICS_ADMINS),
    "ideas:add_domain": _ics(ICS_ADMINS, post=_form(domain="newtrust.nhs.uk")),
    "ideas:remove_domain": _ics(ICS_ADMINS, args={"domain_id": "domain"}, post=_form()),
    "ideas:list_notifications": _ics(IDEAS_READERS),
    "ideas:mark_notifications_read": _ics(
        IDEAS_READERS,
        ok=None,
        post=Post(changes_by=STAFF, watch=("notification",)),
        why="the author of the idea has an unread notification of a comment on it",
    ),
    "ideas:edit_notification_settings": _ics(
        IDEAS_READERS, post=Post({"kinds": ["comment_on_mine"], "by_email": "no"}, changes_by=STAFF)
    ),
    "ideas:show_outcomes": _ics(IDEAS_READERS),
    # Analysts' pages
    "national:show_england": Rule(ENGLAND, frozenset({NATIONAL, PLATFORM})),
    "national:list_england_downloads": Rule(
        ENGLAND,
        frozenset({NATIONAL, PLATFORM}),
        args={"benchmark_id": "benchmark"},
        post=Post({"format": "xlsx"}, changes_by=NATIONAL),
    ),
    "national:download_england_file": Rule(
        ENGLAND,
        frozenset({NATIONAL, PLATFORM}),
        args={"benchmark_id": "benchmark", "file_format": "=xlsx"},
        ok=302,
    ),
    "national:show_region": Rule(REGION, ANALYSTS, args={"region_code": "region"}),
    "national:list_region_downloads": Rule(
        REGION,
        ANALYSTS,
        args={"region_code": "region", "benchmark_id": "benchmark"},
        post=Post({"format": "xlsx"}, changes_by=REGIONAL),
    ),
    "national:download_region_file": Rule(
        REGION,
        ANALYSTS,
        args={"region_code": "region", "benchmark_id": "benchmark", "file_format": "=xlsx"},
        ok=302,
    ),
    # The respondent journey: the open link's start page is for anyone; later pages need the
    # browser's own draft of that survey, and send anyone else to its start page.
    "respond:invitation": Rule(SURVEY, EVERYONE, ok=404, why="no token: the link does not work"),
    "respond:unsubscribe": Rule(SURVEY, EVERYONE, ok=404),
    "respond:stop_emails": Rule(
        SURVEY,
        EVERYONE,
        ok=404,
        post=Post(),
        post_ok=404,
        why="Post(): no invitation link followed in this browser, so no emails to stop",
    ),
    "respond:start": Rule(
        SURVEY,
        EVERYONE,
        args={"slug": "wave_open.open_link_slug"},
        post=Post(changes_by=ANONYMOUS),
        why="starting the survey makes the browser's draft",
    ),
    "respond:section": Rule(
        SURVEY,
        frozenset({RESPONDENT}),
        args={"slug": "wave_open.open_link_slug", "number": "=1"},
        refused=302,
        post=Post(ABOUT_YOU, changes_by=RESPONDENT, watch=("respondent_draft",)),
        why="the respondent changes their answers about themselves",
    ),
    "respond:check": Rule(
        SURVEY, frozenset({RESPONDENT}), args={"slug": "wave_open.open_link_slug"}, refused=302
    ),
    "respond:submit": Rule(
        SURVEY,
        frozenset({RESPONDENT}),
        args={"slug": "wave_open.open_link_slug"},
        ok=None,
        refused=302,
        post=Post(changes_by=RESPONDENT),
        why="the respondent has answered every question: their response is stored",
    ),
    "respond:done": Rule(
        SURVEY, frozenset(), args={"slug": "wave_open.open_link_slug"}, refused=302
    ),
    "respond:saved": Rule(
        SURVEY, frozenset({RESPONDENT}), args={"slug": "wave_open.open_link_slug"}, refused=302
    ),
    "respond:resume": Rule(
        SURVEY, EVERYONE, args={"slug": "wave_open.open_link_slug", "token": "=not-a-token"}, ok=404
    ),
    # The API's own pages (its operations are in API below)
    "api_root": Rule(PUBLIC, EVERYONE),
    "api:api-root": Rule(PUBLIC, EVERYONE),
    "api:openapi-json": Rule(PUBLIC, EVERYONE),
    "api/^.*$": Rule(PUBLIC, EVERYONE, ok=404, why="anything else under /api/ is a JSON 404"),
}

#: URL patterns under these prefixes are covered by a rule of their own (see the test).
DJANGO_ADMIN = "django-admin/"
API_PREFIX = "api/"

# API operations: `allowed` get 200; others get `refused` (403 outside their scope, 404 for
# what they cannot see); a request without a valid token gets 401.
SYSTEM_ARGS = {"ics_code": "ics"}
WAVE_ARGS = {"ics_code": "ics", "wave_id": "wave_published"}
TOKEN_HOLDERS = SIGNED_IN
ANALYST_ONLY = frozenset({REGIONAL, NATIONAL, PLATFORM})

API: dict[str, Rule] = {
    "get_me": Rule("api", TOKEN_HOLDERS),
    "list_systems": Rule("api", TOKEN_HOLDERS),
    "get_system": Rule("api", ICS_READERS, args=SYSTEM_ARGS),
    "list_instruments": Rule("api", TOKEN_HOLDERS),
    "get_instrument": Rule(
        "api",
        ICS_READERS,
        args={"instrument_id": "version.instrument_id"},
        refused=404,
        why="another system's questionnaire is not found",
    ),
    "get_instrument_version": Rule(
        "api",
        ICS_READERS,
        args={"instrument_id": "version.instrument_id", "version": "=1"},
        refused=404,
    ),
    "list_waves": Rule("api", RESULTS_READERS, args=SYSTEM_ARGS),
    "get_wave": Rule("api", RESULTS_READERS, args=WAVE_ARGS),
    "get_results_table": Rule(
        "api", RESULTS_READERS, args={**WAVE_ARGS, "table": "=construct_scores"}
    ),
    "list_benchmarks": Rule("api", ANALYST_ONLY),
    "get_benchmark": Rule("api", ANALYST_ONLY, args={"benchmark_id": "benchmark"}),
    "list_benchmark_systems": Rule("api", ANALYST_ONLY, args={"benchmark_id": "benchmark"}),
    "list_benchmark_areas": Rule("api", ANALYST_ONLY, args={"benchmark_id": "benchmark"}),
}
