"""Your personal API tokens: list them, create one (shown once) and revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pulse.accounts.api_token_forms import ApiTokenForm
from pulse.accounts.api_token_presenters import token_rows, token_state
from pulse.api.selectors import token_for_user, tokens_for_user
from pulse.api.services import api_token_create, api_token_revoke


@require_GET
@login_required
def list_api_tokens(request: HttpRequest) -> HttpResponse:
    rows = token_rows(list(tokens_for_user(user=request.user)))
    return render(request, "accounts/list_api_tokens.jinja", {"rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
def add_api_token(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_token_create(
                user=request.user, name=form.cleaned_data["name"], valid_days=form.valid_days()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown once, on this response only: never stored, logged or put in a redirect.
            context = {"token": token, "secret": secret}
            return render(request, "accounts/show_new_api_token.jinja", context)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/add_api_token.jinja", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = token_for_user(user=request.user, token_id=token_id)
    if request.method == "POST":
        api_token_revoke(token=token, by=request.user)
        messages.success(request, f"The token {token.name} is revoked: it no longer works")
        return redirect("accounts:list_api_tokens")
    context = {"token": token, "state": token_state(token)}
    return render(request, "accounts/revoke_api_token.jinja", context)
