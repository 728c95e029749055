"""
WSGI config for profiling_followup project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings")

application = get_wsgi_application()

# What starting built (some 120,000 objects) lives as long as the worker: kept out of the
# full garbage collections, which otherwise walked it again on some request (77-86 ms of
# a council dashboard request at national scale, in one process).
gc.freeze()
