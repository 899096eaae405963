"""Staff sign-in by emailed link: ask for a link, follow it, confirm (and give a name)."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pulse.ideas import selectors
from pulse.ideas.forms.sign_in import DisplayNameForm, SignInLinkForm
from pulse.ideas.services import sign_in as services
from pulse.ideas.services.sign_in import LinkInvalid, LinkProblem
from pulse.ideas.views._common import posted, save

PENDING = "pulse_ideas_sign_in_link"
BACKEND = "django.contrib.auth.backends.ModelBackend"

PROBLEMS = {
    LinkProblem.UNKNOWN: (
        "This sign-in link does not work",
        ["Check you used the whole link from your email, or ask for a new one."],
    ),
    LinkProblem.USED: (
        "This sign-in link has already been used",
        ["Each link works once. Ask for a new link to sign in again."],
    ),
    LinkProblem.EXPIRED: (
        "This sign-in link has expired",
        ["Links last 30 minutes. Ask for a new link to sign in."],
    ),
    LinkProblem.NEEDS_PASSWORD: (
        "Sign in with your password",
        [
            "Your account has a role that needs a password and security code, so it cannot "
            "use an emailed link."
        ],
    ),
}


def _problem(request: HttpRequest, problem: LinkProblem) -> HttpResponse:
    title, paragraphs = PROBLEMS[problem]
    context = {
        "page_title": title,
        "paragraphs": paragraphs,
        "needs_password": problem == LinkProblem.NEEDS_PASSWORD,
        "hide_sign_in": True,
    }
    status = 200 if problem == LinkProblem.NEEDS_PASSWORD else 410
    return render(request, "ideas/sign_in_link_problem.jinja", context, status=status)


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    systems = selectors.sign_in_systems()
    chosen = str(request.GET.get("ics", ""))[:3].upper()
    form = SignInLinkForm(data=posted(request), systems=systems, initial={"ics": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        save(form, lambda: services.sign_in_link_request(email=data["email"], ics=data["ics"]))
        if not form.errors:
            request.session["pulse_ideas_sign_in_sent_to"] = data["email"]
            return redirect("ideas:sign_in_sent")
    return render(request, "ideas/sign_in.jinja", {"form": form, "hide_sign_in": True})


@require_GET
def sign_in_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("pulse_ideas_sign_in_sent_to", "")
    return render(request, "ideas/sign_in_sent.jinja", {"email": email, "hide_sign_in": True})


@require_GET
def follow_link(request: HttpRequest) -> HttpResponse:
    """Check the emailed token, keep only its hash in the session and drop it from the URL."""
    token = str(request.GET.get("token", ""))[:200]
    hashed = services.token_hash(token)
    try:
        services.sign_in_link_check(token_hash_value=hashed)
    except LinkInvalid as invalid:
        return _problem(request, invalid.problem)
    request.session[PENDING] = hashed
    return redirect("ideas:confirm_sign_in")


@require_http_methods(["GET", "POST"])
def confirm_sign_in(request: HttpRequest) -> HttpResponse:
    hashed = request.session.get(PENDING, "")
    try:
        link = services.sign_in_link_check(token_hash_value=hashed)
    except LinkInvalid as invalid:
        return _problem(request, invalid.problem)
    ask_name = services.needs_display_name(link)
    form = DisplayNameForm(data=posted(request)) if ask_name else None
    if request.method == "POST" and (form is None or form.is_valid()):
        name = form.cleaned_data["full_name"] if form else ""
        try:
            user, ics = services.sign_in_link_use(token_hash_value=hashed, full_name=name)
        except LinkInvalid as invalid:
            return _problem(request, invalid.problem)
        request.session.pop(PENDING, None)
        login(request, user, backend=BACKEND)
        messages.success(request, f"You are signed in to {ics.short_name}'s ideas")
        return redirect("ideas:list_challenges", ics_code=ics.url_code)
    context = {"form": form, "ics": link.ics, "email": link.email, "hide_sign_in": True}
    return render(request, "ideas/confirm_sign_in.jinja", context)
