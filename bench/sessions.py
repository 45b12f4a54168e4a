"""Write signed-in sessions of the demo accounts for the load test: `python bench/sessions.py FILE`
(the same DATABASE_URL and SECRET_KEY as the server under test)."""

import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doanket.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from accounts.models import User  # noqa: E402

sessions = {}
for user in User.objects.filter(is_active=True):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions[user.username] = store.session_key
json.dump(sessions, open(sys.argv[1], "w"))
print(f"{len(sessions)} sessions in {sys.argv[1]}")
