"""A tiny HTTP server on a loopback port that answers whatever a test scripts: a hostile or broken
server (or ODK Central's answers we can't get from our own server). It records every request's
method, path and headers so a test can check what the laptop sent where."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Body = bytes | Callable[[], Iterable[bytes]]  # a generator function streams (maybe forever)


@dataclass
class Reply:
    status: int = 200
    body: Body = b""
    headers: dict[str, str] = field(default_factory=dict)
    declare_length: bool = True  # False: no Content-Length, the body ends when the socket closes


@dataclass
class Seen:
    method: str
    path: str  # with the query
    headers: dict[str, str]


class HostileServer:
    """Routes are exact paths (without the query); anything else answers 404."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Reply | Callable[[Seen], Reply]] = {}
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: simple and robust

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                seen = Seen(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}
                )
                server.seen.append(seen)
                route = server.routes.get((self.command, urlsplit(self.path).path))
                reply = route(seen) if callable(route) else route
                reply = reply or Reply(404, b"not here")
                body = reply.body
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if isinstance(body, bytes) and reply.declare_length:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command == "HEAD":
                    return
                try:
                    if isinstance(body, bytes):
                        self.wfile.write(body)
                    else:
                        for chunk in body():
                            self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the laptop stopped reading: that is what a cap does

            do_GET = do_POST = do_HEAD = _answer  # noqa: N815 - http.server's names

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def route(self, method: str, path: str, reply: Reply | Callable[[Seen], Reply]) -> None:
        self.routes[(method, path)] = reply

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if urlsplit(s.path).path == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def endless(chunk: bytes = b"<" * 65536) -> Callable[[], Iterable[bytes]]:
    """A body that never ends (the laptop must stop reading at its cap)."""

    def stream() -> Iterable[bytes]:
        while True:
            yield chunk

    return stream


def form_list(*entries: dict[str, str]) -> bytes:
    """An OpenRosa xforms list; each entry's keys are the child elements (formID, version...)."""
    items = "".join(
        "<xform>" + "".join(f"<{k}>{_escape(v)}</{k}>" for k, v in e.items()) + "</xform>"
        for e in entries
    )
    return f'<xforms xmlns="http://openrosa.org/xforms/xformsList">{items}</xforms>'.encode()


def manifest(*files: dict[str, str]) -> bytes:
    items = "".join(
        "<mediaFile>" + "".join(f"<{k}>{_escape(v)}</{k}>" for k, v in f.items()) + "</mediaFile>"
        for f in files
    )
    return (
        f'<manifest xmlns="http://openrosa.org/xforms/xformsManifest">{items}</manifest>'.encode()
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xform(form_id: str, version: str = "1", *, title: str = "T", extra_model: str = "") -> str:
    """A small valid XForm (one text question)."""
    return f"""<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
        xmlns:jr="http://openrosa.org/javarosa">
  <h:head><h:title>{title}</h:title>
    <model>
      <instance><data id="{form_id}" version="{version}"><q/><meta><instanceID/></meta></data>
      </instance>
      <bind nodeset="/data/q" type="string"/>
      <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
      {extra_model}
    </model>
  </h:head>
  <h:body><input ref="/data/q"><label>Q</label></input></h:body>
</h:html>
"""
