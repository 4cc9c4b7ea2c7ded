"""A small fake OpenAI-compatible server on loopback, for the LLM writer's tests.

It answers ``POST /v1/chat/completions`` with a canned completion built by the test from the claims
the writer sent (so a reply can cite real claim ids and change one detail), or with an HTTP error, or
after a delay. Every request is recorded so tests can check what the model was shown.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Claims = list[dict[str, Any]]
Reply = Callable[[Claims], str]


@dataclass
class FakeLLM:
    """The server's behaviour and what it received."""

    reply: Reply = lambda claims: json.dumps({"sentences": []})  # noqa: E731
    status: int = 200
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def claims_of(self, body: dict[str, Any]) -> Claims:
        """The claims the writer put between its markers in the user message."""
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        m = re.search(r"BEGIN-(\w+)\n(.*)\nEND-\1", user, re.S)
        return json.loads(m.group(2)) if m else []


def _handler(fake: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep pytest output clean
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
            fake.requests.append(body)
            fake.headers.append({k.lower(): v for k, v in self.headers.items()})
            if fake.delay:
                time.sleep(fake.delay)
            if not self.path.endswith("/chat/completions"):
                self._send(404, {"error": {"message": "not found"}})
                return
            if fake.status != 200:
                self._send(fake.status, {"error": {"message": "fake failure", "type": "server_error"}})
                return
            content = fake.reply(fake.claims_of(body))
            self._send(
                200,
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "fake"),
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                },
            )

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                pass

    return Handler


@contextmanager
def serve(fake: FakeLLM) -> Iterator[FakeLLM]:
    """Run the fake server on 127.0.0.1 (a free port) for the ``with`` block; ``fake.url`` is its /v1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
