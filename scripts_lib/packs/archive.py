"""Reading a pack's zip without trusting it, and writing one.

Every limit is checked on what is actually read, not only on what the zip's headers claim: a header can
say 1 KB for an entry that inflates to gigabytes.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scripts_lib.packs.manifest import CONTENT_RE, MANIFEST, SIGNATURE
from scripts_lib.packs.problems import PackError, read_capped

MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_FILES = 2000
MAX_FILE_BYTES = 1024 * 1024
# Compressed can only be smaller than unpacked, bar a few bytes of zip overhead per entry.
MAX_PACK_BYTES = MAX_UNPACKED_BYTES + MAX_FILES * 1024
EXTENSION = ".assistpack"


@dataclass(frozen=True)
class PackArchive:
    manifest: bytes
    signature: bytes | None
    files: Mapping[str, bytes]
    data: bytes  # the whole file, as read


def _check_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    shown = repr(name[:80])
    if "\\" in name or "\x00" in name:
        raise PackError(f"entry {shown} has a backslash or NUL in its path")
    path = PurePosixPath(name)
    if name.startswith("/") or path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        raise PackError(f"entry {shown} has an absolute path")
    if ".." in path.parts:
        raise PackError(f"entry {shown} points outside the pack with '..'")
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        raise PackError(f"entry {shown} is a symbolic link; packs hold plain files only")
    if info.flag_bits & 0x1:
        raise PackError(f"entry {shown} is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackError(f"entry {shown} uses an unsupported compression method")
    return name


def _check_size(name: str, size: int, budget: int) -> None:
    """The per-file and per-pack limits, for what a header claims and again for what was inflated."""
    if size > MAX_FILE_BYTES:
        raise PackError(f"'{name[:80]}' unpacks to more than {MAX_FILE_BYTES // 2**20} MB, "
                        "the limit for one file")
    if size > budget:
        raise PackError(f"the pack unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB, "
                        "the limit for a pack")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    with archive.open(info) as entry:
        data = entry.read(min(MAX_FILE_BYTES, budget) + 1)
    _check_size(info.filename, len(data), budget)
    return data


_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22


def _check_directory(data: bytes) -> None:
    """Refuse too many entries from the end-of-central-directory record, before zipfile turns every
    directory record into an object (400,000 of them cost seconds and hundreds of MB)."""
    tail = data[-(_EOCD_SIZE + 65535):]
    # The same search zipfile makes: the record ends the file, or is followed by a comment.
    at = len(tail) - _EOCD_SIZE if tail[-_EOCD_SIZE:-_EOCD_SIZE + 4] == _EOCD else tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return  # zipfile says what is wrong with it
    entries = int.from_bytes(tail[at + 10: at + 12], "little")
    directory = int.from_bytes(tail[at + 12: at + 16], "little")
    if entries == 0xFFFF or directory == 0xFFFFFFFF:
        raise PackError("the pack is a ZIP64 archive; packs are small plain zips")
    if entries > MAX_FILES:
        raise PackError(f"the pack has {entries:,} entries; the limit is {MAX_FILES:,}")
    # A directory record is 46 bytes plus a name of at most a few hundred.
    if directory > MAX_FILES * 1024:
        raise PackError("the pack's directory is larger than any pack needs")


def read_pack_file(path: Path) -> bytes:
    """The whole pack file, read once: it is at most MAX_PACK_BYTES, and every later step (the
    directory check, zipfile, telling a truncated zip from no zip) then works on memory."""
    if path.is_dir():
        raise PackError("is a folder, not a pack file")
    data = read_capped(path, MAX_PACK_BYTES)
    if len(data) > MAX_PACK_BYTES:
        raise PackError(f"the file is larger than {MAX_PACK_BYTES // 2**20} MB; a pack is at most "
                        f"{MAX_UNPACKED_BYTES // 2**20} MB unpacked")
    return data


def _plan(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo] | None:
    """The entries to read when every name is fine and the sizes the headers claim fit the limits;
    None when anything is off, and the entries are then read one by one, which says what is off."""
    planned: list[zipfile.ZipInfo] = []
    names: set[str] = set()
    budget = MAX_UNPACKED_BYTES
    try:
        for info in infos:
            name = _check_name(info)
            if info.is_dir():
                continue
            if name in names or (name not in (MANIFEST, SIGNATURE) and not CONTENT_RE.match(name)):
                return None
            _check_size(name, info.file_size, budget)
            names.add(name)
            planned.append(info)
            budget -= info.file_size
    except PackError:
        return None
    return planned


# Below this many bytes claimed, a second thread would cost more than it saves.
_PARALLEL_BYTES = 1024 * 1024


def _read_planned(archive: zipfile.ZipFile, planned: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """The planned entries, inflated by this thread and a helper at once (zlib lets go of the GIL
    while it inflates), then checked in order as _read_in_order checks them: the first entry that
    fails raises what it would have raised there."""
    caps: dict[str, int] = {}
    budget = MAX_UNPACKED_BYTES
    for info in planned:
        # A header's size is all an entry inflates to (zipfile stops there), so the reads one by one
        # would have had at least this budget left.
        caps[info.filename] = budget
        budget -= info.file_size
    inflated: dict[str, bytes | Exception] = {}

    def inflate(share: list[zipfile.ZipInfo]) -> None:
        for info in share:
            try:
                inflated[info.filename] = _read_entry(archive, info, caps[info.filename])
            except Exception as error:  # raised in order below, as the reads one by one would
                inflated[info.filename] = error

    # Two shares of about the same compressed size.
    shares: tuple[list[zipfile.ZipInfo], list[zipfile.ZipInfo]] = ([], [])
    loads = [0, 0]
    for info in sorted(planned, key=lambda info: info.compress_size, reverse=True):
        lighter = loads.index(min(loads))
        shares[lighter].append(info)
        loads[lighter] += info.compress_size
    helper = threading.Thread(target=inflate, args=(shares[1],), name="pack-inflate", daemon=True)
    helper.start()
    try:
        inflate(shares[0])
    finally:
        helper.join()
    files: dict[str, bytes] = {}
    for info in planned:
        data = inflated.get(info.filename)
        if data is None:  # the helper thread itself was stopped (it reports every error it meets)
            raise RuntimeError(f"reading '{info.filename}' was interrupted")
        if isinstance(data, Exception):
            raise data
        files[info.filename] = data
    return files


def _read_in_order(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    budget = MAX_UNPACKED_BYTES
    for info in infos:
        name = _check_name(info)
        if info.is_dir():
            continue
        if name in files:
            raise PackError(f"entry '{name[:80]}' appears twice")
        if name not in (MANIFEST, SIGNATURE) and not CONTENT_RE.match(name):
            raise PackError(f"unexpected entry '{name[:80]}'; a pack holds {MANIFEST}, "
                            f"{SIGNATURE}, scripts/*.yaml and kb/*.jsonl")
        _check_size(name, info.file_size, budget)
        files[name] = _read_entry(archive, info, budget)
        budget -= len(files[name])
    return files


def read_pack(path: Path) -> PackArchive:
    """The manifest, signature and content files of a pack, with every limit and path rule applied."""
    return read_pack_bytes(read_pack_file(Path(path)))


def read_pack_bytes(data: bytes) -> PackArchive:
    """A pack already in memory (downloaded from the team server), checked as read_pack checks a file."""
    if len(data) > MAX_PACK_BYTES:
        raise PackError(f"the pack is larger than {MAX_PACK_BYTES // 2**20} MB")
    _check_directory(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_FILES:
                raise PackError(f"the pack has {len(infos):,} entries; the limit is {MAX_FILES:,}")
            planned = _plan(infos)
            if planned is not None and sum(info.file_size for info in planned) >= _PARALLEL_BYTES:
                files = _read_planned(archive, planned)
            else:
                files = _read_in_order(archive, infos)
    except zipfile.BadZipFile as error:
        if "File is not a zip file" in str(error):
            # A zip cut short loses its central directory at the end, and zipfile then calls it "not
            # a zip"; its first entry's header still says otherwise.
            if not data.startswith(b"PK\x03\x04"):
                raise PackError("not a pack (not a zip archive)") from None
            raise PackError("the pack is damaged or truncated (its end is missing)") from None
        raise PackError(f"the pack is damaged or truncated ({error})") from None
    except (EOFError, zlib.error, NotImplementedError, ValueError) as error:
        raise PackError(f"the pack is damaged or truncated ({error or type(error).__name__})") from None
    manifest = files.pop(MANIFEST, None)
    if manifest is None:
        raise PackError(f"the pack has no {MANIFEST}")
    return PackArchive(manifest, files.pop(SIGNATURE, None), files, data)


def write_pack(path: Path, manifest: bytes, files: Mapping[str, bytes],
               signature: bytes | None = None) -> None:
    """Write atomically: a crash mid-write leaves the old file (or none), never half a pack."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            archive.writestr(MANIFEST, manifest)
            if signature is not None:
                archive.writestr(SIGNATURE, signature)
            for name, data in sorted(files.items()):
                archive.writestr(name, data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
