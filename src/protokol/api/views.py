"""Personal API tokens in the UI: list, issue (the secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.api.models import ApiToken
from protokol.api.tokens import issue_token, revoke_token
from protokol.core.params import text_param


@login_required
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    issued = None
    if request.method == "POST":
        name = text_param(request.POST.get("name"), name="name", max_length=100)
        issued = issue_token(request.user, name)
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        # Rendered in this response only: the secret is not stored and not shown again.
        "issued": issued,
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # Someone else's token is "not found", never "forbidden": its existence is private too.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if revoke_token(token, request.user):
        messages.success(request, f"Токен «{token.name}» отозван.")
    return redirect("api:tokens")
