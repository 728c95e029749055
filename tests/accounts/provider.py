"""A real OpenID Connect provider on loopback for the sign-in tests.

`oidc-provider-mock` (authlib underneath) runs as its own process: discovery, authorization
page, token endpoint with RS256-signed ID tokens, JWKS, userinfo and end-session endpoint.
`TamperingProxy` sits between the application and that provider like an attacker on the
wire would, and may change what passes (the tests of forged tokens).
"""

import base64
import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlencode, urlsplit, urlunsplit

import requests

CLIENT_ID = "opvolging-tracker"
CLIENT_SECRET = "tracker-client-secret-for-tests"
# The provider groups behind each role, as an administrator would set them (see README).
GROUPS = {
    "OIDC_POLICE_STAFF_GROUPS": "politie-gent, team-operaties",
    "OIDC_COUNCIL_MEMBER_GROUPS": "gemeenteraad",
    "OIDC_ADMINISTRATOR_GROUPS": "tracker-beheer",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Provider:
    url: str

    def set_user(self, sub: str, **claims) -> None:
        """What the provider will say about `sub` at its next login."""
        response = requests.put(f"{self.url}/users/{quote(sub, safe='')}", json=claims, timeout=10)
        assert response.status_code == 204, response.text

    def environment(self, **extra) -> dict:
        """The environment an administrator would set for this provider."""
        return {
            "OIDC_ISSUER": self.url,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            **GROUPS,
            **extra,
        }


def authorize(authorize_url: str, sub: str) -> str:
    """Sign in as `sub` on the provider's page (a form post); returns where it redirects."""
    response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def with_query(url: str, **changes) -> str:
    """`url` with some query parameters replaced (None removes one)."""
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


@contextlib.contextmanager
def provider_process(*arguments: str):
    """Start `oidc-provider-mock` on a free loopback port; stop it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [*command, "--port", str(port), *arguments], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 30
            while not _answers(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"OpenID provider did not start:\n{log.read().decode()}")
                time.sleep(0.1)
            yield Provider(url)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/.well-known/openid-configuration", timeout=2).ok
    except requests.ConnectionError:
        return False


def b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_parts(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")
    return json.loads(b64decode(header)), json.loads(b64decode(payload)), signature


class TamperingProxy:
    """Forwards every request to `upstream`, keeping the Host header so that the provider
    names the proxy as issuer and in its endpoints: the application sees one provider.

    `on_token_request(form) -> form` and `on_token_response(json) -> json` may change the
    token exchange in flight; `token_requests` keeps what the application sent."""

    def __init__(self, upstream: str, on_token_request=None, on_token_response=None):
        self.upstream = upstream
        self.on_token_request = on_token_request or (lambda form: form)
        self.on_token_response = on_token_response or (lambda body: body)
        self.token_requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                is_token = self.path.startswith("/oauth2/token")
                if is_token:
                    form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
                    proxy.token_requests.append(form)
                    body = urlencode(proxy.on_token_request(form)).encode()
                headers = {
                    key: value
                    for key, value in self.headers.items()
                    if key.lower() not in {"content-length", "connection", "accept-encoding"}
                }
                answer = requests.request(
                    self.command,
                    proxy.upstream + self.path,
                    headers=headers,
                    data=body,
                    allow_redirects=False,
                    timeout=10,
                )
                content = answer.content
                if is_token and answer.ok:
                    content = json.dumps(proxy.on_token_response(answer.json())).encode()
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in {"content-length", "connection", "content-encoding"}:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = forward

        return Handler

    def __enter__(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
