from glocal.orgs import actors
from glocal.orgs.actors import Actor


class ActorMiddleware:
    """Make the signed-in user the current actor for the audit log and scoping."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        actor = Actor(user=request.user, via="web", ip_address=actors.client_ip(request))
        request.actor = actor
        with actors.acting_as(actor):
            return self.get_response(request)
