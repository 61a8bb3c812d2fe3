from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from glocal.orgs.models import Membership


@task()
def send_membership_notice(membership_id: int) -> None:
    """Tell a user by e-mail that they were added to an organisation."""
    membership = (
        Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    )
    if membership is None or not membership.user.email:
        return  # removed again before the worker got to it
    with translation.override(settings.LANGUAGE_CODE):
        context = {"membership": membership, "site_url": settings.SITE_URL}
        subject = render_to_string("orgs/email/membership_subject.txt", context).strip()
        body = render_to_string("orgs/email/membership_body.txt", context)
    send_mail(subject, body, None, [membership.user.email])
