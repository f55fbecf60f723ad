from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture
def keep_db_connection():
    """Requests made outside Django's test client (schemathesis' WSGI client, a streamed
    response closed by hand) end with ``request_finished``, whose ``close_old_connections``
    would close the test's PostgreSQL connection inside its transaction. Django's test
    client detaches it for the same reason; so do we, for the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
