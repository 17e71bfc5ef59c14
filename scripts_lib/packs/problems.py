"""The one error type of packs: a single line that says what is wrong, for stderr and dialogs."""

from pathlib import Path


class PackError(Exception):
    pass


def read_capped(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a file (one over says it is too big), never the whole of a huge one."""
    try:
        with path.open("rb") as file:
            return file.read(limit + 1)
    except OSError as error:
        raise PackError(f"cannot read {path}: {error.strerror or error}") from None
