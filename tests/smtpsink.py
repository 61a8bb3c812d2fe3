"""A real SMTP server on 127.0.0.1 that keeps what it receives (aiosmtpd), for delivery tests
and benchmarks. Addresses starting with "refused" get a permanent 550; those starting with
"later" get a temporary 451 the first time. `delay` (seconds) slows the answer to each
message, like a slow or hanging relay."""

import asyncio
import logging
import socket
import threading
from email import message_from_bytes
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO: noise in tests, and most of a benchmark's time.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink
        self.deferred: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return "550 5.1.1 No such user"
        if address.startswith("later") and address not in self.deferred:
            self.deferred.add(address)  # a temporary failure, the first time only
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        self.sink.received(envelope.rcpt_tos, envelope.content)
        return "250 Message accepted"


class SmtpSink:
    def __init__(self, keep_messages: bool = True, delay: float = 0):
        self.keep_messages = keep_messages
        self.delay = delay
        self.lock = threading.Lock()
        self.recipients: list[str] = []
        self.messages = []
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=_free_port())

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port

    def received(self, recipients, content) -> None:
        with self.lock:
            self.recipients.extend(recipients)
            if self.keep_messages:
                self.messages.append(message_from_bytes(content))

    def count(self) -> int:
        with self.lock:
            return len(self.recipients)

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def body(message) -> str:
    part = message.get_payload(decode=True)
    return part.decode(message.get_content_charset() or "utf-8")


class _CountingHandler:
    def __init__(self, counter):
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):
        with self.counter.get_lock():
            self.counter.value += len(envelope.rcpt_tos)
        return "250 Message accepted"


def _serve(port, counter, ready, stop):
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    controller = Controller(_CountingHandler(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class ProcessSink:
    """The sink in a process of its own, so that it does not share the sender's interpreter
    (benchmarks); it only counts what it receives."""

    def __init__(self):
        import multiprocessing

        self.port = _free_port()
        self.counter = multiprocessing.Value("q", 0)
        self._ready, self._stop = multiprocessing.Event(), multiprocessing.Event()
        self._process = multiprocessing.Process(
            target=_serve, args=(self.port, self.counter, self._ready, self._stop), daemon=True
        )

    def start(self) -> "ProcessSink":
        self._process.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._stop.set()
        self._process.join(10)

    def count(self) -> int:
        return self.counter.value


def smtp_settings(port: int):
    """Django's SMTP backend pointed at a sink on 127.0.0.1 (use as a context manager)."""
    from django.test import override_settings

    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )
