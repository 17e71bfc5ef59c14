"""Netstrings (`<length>:<bytes>,`), as baresip's ctrl_tcp frames its JSON, read incrementally.

A length that cannot be right (too many digits, more than `max_length`) is refused as soon as its digits
arrive, so a sender announcing 10^12 bytes never makes us wait for or buffer them.
"""

from __future__ import annotations


class NetstringError(ValueError):
    """The stream is not netstrings; it cannot be resynchronised, only reconnected."""


class NetstringDecoder:
    def __init__(self, max_length: int = 64 * 1024) -> None:
        self.max_length = max_length
        self._max_digits = len(str(max_length))
        self._buffer = bytearray()

    @property
    def pending(self) -> int:
        """Bytes of an unfinished frame held (a stall check: data stopped in the middle of a frame)."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer.extend(data)
        frames: list[bytes] = []
        while self._buffer:
            colon = self._buffer.find(b":", 0, self._max_digits + 1)
            if colon < 0:
                if len(self._buffer) > self._max_digits or not self._buffer.isdigit():
                    raise NetstringError(self._why_not_length(bytes(self._buffer[:self._max_digits + 1])))
                break
            digits = bytes(self._buffer[:colon])
            if not digits.isdigit():
                raise NetstringError(self._why_not_length(digits))
            if len(digits) > 1 and digits.startswith(b"0"):
                raise NetstringError("a frame length with a leading zero is announced")
            length = int(digits)
            if length > self.max_length:
                raise NetstringError(f"a frame of {length} bytes is announced; at most {self.max_length} are "
                                     "accepted")
            end = colon + 1 + length
            if len(self._buffer) < end + 1:
                break
            if self._buffer[end] != ord(","):
                raise NetstringError("a frame does not end with ',' where its length says")
            frames.append(bytes(self._buffer[colon + 1:end]))
            del self._buffer[:end + 1]
        return frames

    def _why_not_length(self, head: bytes) -> str:
        if head.isdigit():
            return f"a frame length of more than {self._max_digits} digits is announced"
        return "the stream does not start a frame with a length"
