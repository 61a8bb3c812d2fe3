"""Login throttling's pages: the lockout answer, the password reset that lifts a lockout, and
the limit on password-reset mails.

django-axes counts failed logins per user name and client address (see AXES_* in settings);
these are the parts a person sees.
"""

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.utils import reset as reset_failed_logins
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render

from glocal.core import ratelimits
from glocal.orgs.actors import client_ip


def lockout_response(request, original_response=None, credentials=None):
    """The page for a paused login (429), in the reader's language, with the wait in minutes."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": max(1, int(cool_off.total_seconds() // 60)) if cool_off else None,
    }
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Whoever sets a new password through the e-mailed link has shown they own the account:
    its paused logins (from every address) end with it."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_failed_logins(username=form.user.get_username())
        return response


def _reset_limits(email: str, client: str | None) -> list[tuple[str, str, int]]:
    address = email.strip().lower()
    return [
        ("password-reset:client", client or "unknown", settings.PASSWORD_RESET_MAILS_PER_CLIENT),
        ("password-reset:address", address, settings.PASSWORD_RESET_MAILS_PER_ADDRESS),
    ]


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with a limit on the mails it sends per address and per client
    address in a window (PASSWORD_RESET_*), so that nobody can flood a mailbox in the
    platform's name. Over the limit, no mail goes out but the page is the same "if the address
    has an account, a mail is on its way": whether an account exists is never told."""

    def form_valid(self, form):
        window = timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW)
        limits = _reset_limits(form.cleaned_data["email"], client_ip(self.request))
        if not ratelimits.allow_all(limits, window):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """Logging out also empties what this browser keeps for the site: its HTTP cache, local
    storage and service workers (`Clear-Site-Data`). The event check-in page keeps the
    tickets, with names, on the phone for the doors without a network; once logged out they
    must not stay on a shared or lost phone. Cookies other than the session are left alone.
    Browsers honour the header over HTTPS and on localhost only."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
