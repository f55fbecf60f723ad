"""A real OpenID Connect provider (oidc-provider-mock, itself built on Authlib's server) on
127.0.0.1 in a thread, for the single sign-on tests and journeys.

``Tamper`` sits in front of it as WSGI middleware and can make the real provider answer
wrongly in the ways an attacker or a misconfiguration would: a token for another client (wrong
audience), from another issuer, with a broken signature, or a replay of an earlier answer.
Nothing in the relying party's code is mocked.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import requests
import werkzeug.serving
from oidc_provider_mock import User, app

OTHER_CLIENT = "someone-elses-client"


@dataclass
class Tamper:
    mode: str = ""
    port: int = 0
    last_token_body: bytes = b""

    def wrap(self, wsgi):
        def middleware(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if self.mode == "wrong_audience":
                if path == "/oauth2/authorize":
                    query = dict(parse_qsl(environ.get("QUERY_STRING", "")))
                    query["client_id"] = OTHER_CLIENT
                    environ["QUERY_STRING"] = urlencode(query)
                if path == "/oauth2/token":
                    creds = base64.b64encode(f"{OTHER_CLIENT}:x".encode()).decode()
                    environ["HTTP_AUTHORIZATION"] = f"Basic {creds}"
            if self.mode == "discovery_issuer" and path.startswith("/.well-known/"):
                environ["HTTP_HOST"] = f"localhost:{self.port}"
            if self.mode == "wrong_issuer" and path == "/oauth2/token":
                environ["HTTP_HOST"] = f"localhost:{self.port}"
            if path != "/oauth2/token":
                return wsgi(environ, start_response)
            if self.mode == "replay" and self.last_token_body:
                start_response("200 OK", [("Content-Type", "application/json")])
                return [self.last_token_body]
            captured = {}

            def keep(status, headers, exc_info=None):
                captured.update(status=status, headers=headers)

            body = b"".join(wsgi(environ, keep))
            if captured["status"].startswith("200"):
                if self.mode == "bad_signature":
                    body = _break_signature(body)
                elif self.mode != "replay":
                    self.last_token_body = body
            headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
            start_response(captured["status"], [*headers, ("Content-Length", str(len(body)))])
            return [body]

        return middleware


def _break_signature(body: bytes) -> bytes:
    token = json.loads(body)
    head, payload, signature = token["id_token"].split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[10] ^= 0xFF
    token["id_token"] = ".".join(
        [head, payload, base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")]
    )
    return json.dumps(token).encode()


@dataclass
class Provider:
    url: str
    tamper: Tamper
    users: list = field(default_factory=list)

    def add_user(self, sub: str, **claims) -> None:
        requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def authorize(self, location: str, sub: str) -> str:
        """Consent as ``sub`` on the provider's page; the redirect back to the platform."""
        answer = requests.post(location, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text[:500]
        return answer.headers["Location"]


@contextmanager
def running_provider(
    *, port: int = 0, token_max_age: timedelta = timedelta(hours=1), users=()
) -> Iterator[Provider]:
    tamper = Tamper()
    wsgi = app(
        require_nonce=True,
        access_token_max_age=token_max_age,
        user_claims=[User(sub=sub, claims=claims) for sub, claims in users],
    )
    wsgi.wsgi_app = tamper.wrap(wsgi.wsgi_app)
    server = werkzeug.serving.make_server("127.0.0.1", port, wsgi, threaded=True)
    tamper.port = server.server_port
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield Provider(url=f"http://127.0.0.1:{server.server_port}", tamper=tamper)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
