from django.core.wsgi import get_wsgi_application

from glocal.cli import prepare_environment

prepare_environment()
application = get_wsgi_application()
