from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from glocal.core import registry
from glocal.orgs.selection import active_membership


def home(request):
    """The public home page, linking every app's public pages."""
    return render(request, "public/home.html", {"links": registry.public_links()})


@login_required
def dashboard(request):
    """What awaits the user in the organisation they are working for, as the apps say."""
    membership = active_membership(request)
    organisation = membership.organisation if membership else None
    items = registry.dashboard_items(request.actor, organisation)
    return render(request, "core/dashboard.html", {"items": items, "nav": "dashboard"})
