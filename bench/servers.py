"""Real app servers on loopback for benchmarks, the soak run and multi-server tests.

Starts gunicorn instances in production mode (DEBUG off) on the database and cache the
environment names, and drives them through real logins, with CSRF tokens, like a browser.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def server_environment(overrides: dict | None = None) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="profiling_followup.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=environment.get("DJANGO_SECRET_KEY", "bench-" + "x" * 60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no TLS proxy in front of these servers.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
    )
    environment.update(overrides or {})
    return environment


def manage(*args: str, environment: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextmanager
def gunicorn_instances(
    ports: list[int], *, workers: int = 1, environment: dict[str, str], collect_static: bool = True
):
    """Yields the running server processes, one per port; stops them afterwards. Collects
    the static files first, unless the caller has (the tests collect them once per run)."""
    if collect_static:
        manage("collectstatic", "--noinput", "-v0", environment=environment)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    servers = [
        subprocess.Popen(
            [
                gunicorn,
                "profiling_followup.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--keep-alive",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=environment,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_until_up(f"http://127.0.0.1:{port}/health/")
        yield servers
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not come up: {url}")


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; on loopback these clients speak plain HTTP."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A logged-in user of one server: cookies, CSRF tokens and redirects like a browser."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base_url + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post(self, path: str, data: dict, *, form_page: str | None = None) -> tuple[int, str]:
        """Posts `data` to `path` with the CSRF token of the page that carries the form
        (`form_page`, by default `path` itself; the logout form is on every page)."""
        status, page = self.get(form_page or path)
        if status != 200:
            return status, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        return self._send(path, body.encode(), "application/x-www-form-urlencoded")

    def upload(self, path: str, field: str, filename: str, content: bytes) -> tuple[int, str]:
        """Submits the upload form on `path` with one file, as multipart/form-data."""
        status, page = self.get(path)
        if status != 200:
            return status, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        boundary = "----bench" + "x" * 16
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
                f"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{field}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self._send(path, body, f"multipart/form-data; boundary={boundary}")

    def _send(self, path: str, body: bytes, content_type: str) -> tuple[int, str]:
        url = self.base_url + path
        headers = {"Referer": url, "Content-Type": content_type}
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def log_in(self, username: str, password: str) -> "Browser":
        self.post("/accounts/login/", {"username": username, "password": password})
        if "sessionid" not in self.cookies():
            raise RuntimeError(f"login as {username} failed")
        return self

    def cookies(self) -> dict[str, str]:
        return {cookie.name: cookie.value for cookie in self.jar}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies().items())
