"""JoinedWrites: a response's head goes out with its body in one write; nothing held is lost."""

from __future__ import annotations

import asyncio

from sync.server.transport import HOLD_BYTES, JoinedWrites


class RecordingTransport(asyncio.Transport):
    """The socket's side of the transport: records what would be sent."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[bytes] = []
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        assert not self.closed, "written after close"
        self.sent.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_write_buffer_size(self) -> int:
        return 0


def test_head_and_body_of_one_answer_go_out_as_one_write() -> None:
    async def scenario() -> None:
        socket_side = RecordingTransport()
        joined = JoinedWrites(socket_side, asyncio.get_running_loop())
        joined.write(b"HTTP/1.1 201 Created\r\ncontent-length: 5\r\n\r\n")
        assert socket_side.sent == []  # held for the body
        joined.write(b"<ok/>")
        assert socket_side.sent == [b"HTTP/1.1 201 Created\r\ncontent-length: 5\r\n\r\n<ok/>"]

    asyncio.run(scenario())


def test_a_lone_write_goes_out_at_the_end_of_the_turn_and_large_ones_at_once() -> None:
    async def scenario() -> None:
        socket_side = RecordingTransport()
        joined = JoinedWrites(socket_side, asyncio.get_running_loop())
        joined.write(b"HTTP/1.1 204 No Content\r\n\r\n")  # a HEAD answer: no body follows
        assert joined.get_write_buffer_size() > 0
        await asyncio.sleep(0)
        assert socket_side.sent == [b"HTTP/1.1 204 No Content\r\n\r\n"]
        large = b"x" * (HOLD_BYTES + 1)
        joined.write(large)
        assert socket_side.sent[-1] == large

    asyncio.run(scenario())


def test_closing_sends_what_is_held_first() -> None:
    async def scenario() -> None:
        socket_side = RecordingTransport()
        joined = JoinedWrites(socket_side, asyncio.get_running_loop())
        joined.write(b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n")
        joined.close()
        assert socket_side.sent == [b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n"]
        assert joined.is_closing()
        await asyncio.sleep(0)  # the end-of-turn flush finds nothing left to send
        assert len(socket_side.sent) == 1

    asyncio.run(scenario())
