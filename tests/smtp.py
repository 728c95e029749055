"""A real SMTP server on loopback (aiosmtpd) that keeps what it accepts: fixtures for the
tests that send e-mail (tests/reminders, tests/browser)."""

import asyncio
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests.databases import free_port


class Inbox:
    """The server's handler: every accepted message, parsed. It can refuse addresses,
    answer slowly, or hold each MAIL command until released (to stop a sender mid-way)."""

    def __init__(self):
        self.messages = []
        self.refused: set[str] = set()
        self.delay = 0.0
        self.released = threading.Event()
        self.released.set()
        self.holding = threading.Event()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if not self.released.is_set():
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.released.wait)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [message for message in self.messages if message["To"] == address]

    def text(self, message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def html(self, message) -> str:
        return message.get_body(preferencelist=("html",)).get_content()


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        inbox.released.set()
        controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Django's mail API pointed at the loopback server, without TLS."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.REMINDERS_ENABLED = True
    settings.SITE_URL = "https://opvolging.example.org"
    return smtp_server
