"""Login throttling's pages: the lockout answer, and the password reset that lifts a lockout.

django-axes counts failed logins per user name and client address (see AXES_* in settings);
these are the parts a person sees.
"""

from axes.helpers import get_cool_off
from axes.utils import reset as reset_failed_logins
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render


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
