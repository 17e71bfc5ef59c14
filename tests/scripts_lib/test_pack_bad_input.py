"""Every malformed pack gets one line on stderr, a non-zero exit, no traceback, and leaves the store
byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import io
import json
import random
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from assist.cli import main
from scripts_lib.packs import archive
from scripts_lib.packs.archive import MAX_FILE_BYTES, MAX_FILES, read_pack
from scripts_lib.packs.problems import PackError
from scripts_lib.packs.signing import generate_key, private_key, sign_manifest
from tests.scripts_lib.packs_support import (
    hand_made_pack,
    manifest_bytes,
    script_bytes,
    write_source,
    zip_with_entry,
)
from tests.scripts_lib.sample import sample, step_of

GOOD_ENTRY = json.dumps({"id": "bad-input-entry", "title": "退货运费谁出",
                         "body": "质量问题的退货运费由我们承担。"}, ensure_ascii=False).encode()


def good_files() -> dict[str, bytes]:
    return {"scripts/demo.yaml": script_bytes(sample()), "kb/entries.jsonl": GOOD_ENTRY + b"\n"}


def snapshot(data_dir: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(data_dir.iterdir()) if path.is_file()}


@pytest.fixture
def trusted_store(isolated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """A store with the demo content that trusts the key 'lead'; its files' hashes."""
    assert main(["pack", "keygen", "lead", "-o", str(tmp_path / "lead.pub")]) == 0
    assert main(["pack", "trust", str(tmp_path / "lead.pub")]) == 0
    capsys.readouterr()
    return snapshot(isolated)


def _not_a_zip(path: Path) -> Path:
    path.write_text("name = 'not a pack'\n")
    return path


def _truncated(path: Path) -> Path:
    hand_made_pack(path, good_files())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _cut_inside_an_entry(path: Path) -> Path:
    # The central directory survives; an entry's compressed data is damaged.
    hand_made_pack(path, good_files())
    data = bytearray(path.read_bytes())
    offset = data.find(b"PK\x03\x04", 10) + 40
    data[offset: offset + 20] = b"\x00" * 20
    path.write_bytes(bytes(data))
    return path


def _dot_dot(path: Path) -> Path:
    return zip_with_entry(path, zipfile.ZipInfo("scripts/../../evil.yaml"), b"x", good_files())


def _absolute(path: Path) -> Path:
    info = zipfile.ZipInfo("x")
    info.filename = "/etc/evil.yaml"  # ZipInfo strips a leading slash from the constructor's name
    return zip_with_entry(path, info, b"x", good_files())


def _symlink(path: Path) -> Path:
    info = zipfile.ZipInfo("scripts/link.yaml")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zip_with_entry(path, info, b"/etc/passwd", good_files())


def _one_file_bomb(path: Path) -> Path:
    files = good_files()
    files["kb/bomb.jsonl"] = b" " * (MAX_FILE_BYTES * 8)  # 8 MB of spaces, a few KB compressed
    return hand_made_pack(path, files)


def _total_bomb(path: Path) -> Path:
    files = good_files()
    for number in range(25):
        files[f"kb/part{number}.jsonl"] = b"\n" * (MAX_FILE_BYTES - 10)
    return hand_made_pack(path, files)


def _too_many_files(path: Path) -> Path:
    files = good_files()
    files.update({f"kb/f{number}.jsonl": b"" for number in range(MAX_FILES + 5)})
    return hand_made_pack(path, files)


def _lying_header(path: Path) -> Path:
    # The central directory claims a 10-byte file; the data inflates to 2 MB.
    files = good_files()
    files["kb/liar.jsonl"] = b"\n" * (2 * 1024 * 1024)
    hand_made_pack(path, files)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("kb/liar.jsonl")
    # The size appears in the entry's local header and in the central directory: change both.
    data = data.replace(info.file_size.to_bytes(4, "little"), (10).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    return path


def _alias_bomb(path: Path) -> Path:
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' \
           b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    files = good_files() | {"scripts/bomb.yaml": bomb}
    return hand_made_pack(path, files)


def _unknown_schema(path: Path) -> Path:
    files = good_files()
    return hand_made_pack(path, files, manifest=manifest_bytes(files, schema=99))


def _unsigned(path: Path) -> Path:
    return hand_made_pack(path, good_files(), key=None)


def _bad_signature(path: Path) -> Path:
    files = good_files()
    signed_manifest = manifest_bytes(files)
    tampered = signed_manifest.replace(b"Hand made", b"Hand mode")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pack.toml", tampered)
        archive.writestr("pack.sig", sign_manifest(signed_manifest, private_key("lead")))
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _untrusted(path: Path) -> Path:
    generate_key("stranger")
    return hand_made_pack(path, good_files(), key="stranger")


def _hash_mismatch(path: Path) -> Path:
    files = good_files()
    manifest = manifest_bytes(files)
    files["kb/entries.jsonl"] = files["kb/entries.jsonl"].replace("质量".encode(), "任何".encode())
    return hand_made_pack(path, files, manifest=manifest)


def _unlisted_file(path: Path) -> Path:
    files = good_files()
    return hand_made_pack(path, files, manifest=manifest_bytes(files),
                          extra={"kb/extra.jsonl": GOOD_ENTRY})


def _invalid_graph(path: Path) -> Path:
    script = sample()
    step_of(script, "explain")["next"] = "missing-step"
    return hand_made_pack(path, good_files() | {"scripts/demo.yaml": script_bytes(script)})


def _banned_phrase(path: Path) -> Path:
    script = sample()
    step_of(script, "close")["say"] = [{"zh-Hans": "这是公司规定，没有办法。",
                                        "en": "That's company policy."}]
    return hand_made_pack(path, good_files() | {"scripts/demo.yaml": script_bytes(script)})


def _bad_entry(path: Path) -> Path:
    return hand_made_pack(path, good_files() | {"kb/entries.jsonl": b'{"id": "x", "title": "no body"}\n'})


def _empty(path: Path) -> Path:
    return hand_made_pack(path, {"kb/entries.jsonl": b""})


def _newer_app(path: Path) -> Path:
    files = good_files()
    return hand_made_pack(path, files, manifest=manifest_bytes(files, min_app_version="99.0.0"))


def _directory_bomb(path: Path) -> Path:
    # Many empty entries: refused from the directory's own count, before zipfile reads every record.
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(MAX_FILES * 20):
            archive.writestr(f"kb/{number}.jsonl", b"")
    return path


def _huge_signature(path: Path) -> Path:
    files = good_files()
    manifest = manifest_bytes(files)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.toml", manifest)
        archive.writestr("pack.sig", b"a=" + b"[" * 200_000)
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _surrogate(path: Path) -> Path:
    entry = b'{"id": "s", "title": "\\ud800", "body": "x"}\n'  # a JSON escape for half a pair
    return hand_made_pack(path, good_files() | {"kb/entries.jsonl": entry})


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _reserved_name(path: Path) -> Path:
    files = good_files()
    return hand_made_pack(path, files, manifest=manifest_bytes(files, name="builtin"))


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "not a zip": (_not_a_zip, "not a zip archive"),
    "truncated zip": (_truncated, "damaged or truncated"),
    "damaged entry": (_cut_inside_an_entry, "damaged or truncated"),
    "dot-dot path": (_dot_dot, "outside the pack with '..'"),
    "absolute path": (_absolute, "absolute path"),
    "symlink entry": (_symlink, "symbolic link"),
    "one-file zip bomb": (_one_file_bomb, "the limit for one file"),
    "total zip bomb": (_total_bomb, "the limit for a pack"),
    "too many files": (_too_many_files, f"the limit is {MAX_FILES:,}"),
    "lying size header": (_lying_header, "damaged or truncated"),
    "YAML alias bomb": (_alias_bomb, "anchors (&) and aliases (*) are not allowed"),
    "unknown schema version": (_unknown_schema, "unknown pack schema version 99"),
    "missing signature": (_unsigned, "not signed"),
    "bad signature": (_bad_signature, "bad signature"),
    "untrusted key": (_untrusted, "untrusted key"),
    "hash mismatch": (_hash_mismatch, "hash mismatch: 'kb/entries.jsonl'"),
    "file not in the manifest": (_unlisted_file, "'kb/extra.jsonl' is in the pack but not in its manifest"),
    "invalid script graph": (_invalid_graph, "missing-step"),
    "banned phrase": (_banned_phrase, "compliance lint"),
    "invalid FAQ entry": (_bad_entry, "body"),
    "no content": (_empty, "no scripts and no FAQ entries"),
    "needs a newer app": (_newer_app, "needs Agent Assist 99.0.0"),
    "reserved name": (_reserved_name, "reserved"),
    "directory bomb": (_directory_bomb, f"the limit is {MAX_FILES:,}"),
    "huge signature": (_huge_signature, "pack.sig is damaged"),
    "unpaired surrogate": (_surrogate, "control character"),
    "a folder": (_folder, "is a folder"),
}


@pytest.mark.parametrize("command", ["install", "verify"])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_pack_is_refused_with_one_line_and_the_store_untouched(
        case: str, command: str, trusted_store: dict[str, str], isolated: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = CASES[case]
    pack = make(tmp_path / "bad.assistpack")
    code = main(["pack", command, str(pack)])
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("assist: bad.assistpack: ") and expected in lines[0], lines[0]
    assert "Traceback" not in err
    assert snapshot(isolated) == trusted_store


def test_a_good_hand_made_pack_passes(trusted_store: dict[str, str], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # The cases above differ from this one by the one thing each breaks.
    pack = hand_made_pack(tmp_path / "good.assistpack", good_files())
    assert main(["pack", "install", str(pack)]) == 0, capsys.readouterr().err
    assert "installed hand-made 1.0.0" in capsys.readouterr().out


def test_a_pack_that_fails_late_leaves_nothing_half_installed(trusted_store: dict[str, str],
                                                              isolated: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # Many good scripts and entries, then one bad entry in the last file read.
    folder = write_source(tmp_path / "src")
    (folder / "kb" / "zz-last.jsonl").write_text('{"id": "broken", "title": "t"}\n')
    code = main(["pack", "build", str(folder), "-o", str(tmp_path / "p.assistpack"), "--key", "lead"])
    assert code == 1 and "zz-last.jsonl" in capsys.readouterr().err
    assert snapshot(isolated) == trusted_store


def _read(path: Path) -> str | dict[str, bytes | None]:
    try:
        pack = read_pack(path)
    except PackError as error:
        return str(error)
    return {"pack.toml": pack.manifest, "pack.sig": pack.signature, **pack.files}


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> str | dict[str, bytes | None]:
    """What read_pack says of `path` reading entries two at a time, once it says the same one by one."""
    monkeypatch.setattr(archive, "_PARALLEL_BYTES", 0)
    at_once = _read(path)
    monkeypatch.setattr(archive, "_PARALLEL_BYTES", 10**12)
    assert _read(path) == at_once
    return at_once


@pytest.mark.parametrize("case", list(CASES))
def test_entries_read_two_at_a_time_fail_as_one_by_one(
        case: str, trusted_store: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make, _ = CASES[case]
    _both_ways(make(tmp_path / "bad.assistpack"), monkeypatch)


def _big_files() -> dict[str, bytes]:
    # Past the size where entries are read two at a time; random, so they stay large compressed.
    noise = random.Random(7)
    return good_files() | {f"kb/big{number:02d}.jsonl": noise.randbytes(120_000) for number in range(12)}


def _damaged(data: bytes, entry: str, change: Callable[[bytearray, int], None]) -> bytes:
    damaged = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        change(damaged, pack.getinfo(entry).header_offset)
    return bytes(damaged)


@pytest.mark.parametrize(("entry", "change"), [
    ("kb/big07.jsonl", lambda data, at: data.__setitem__(slice(at + 200, at + 260), b"\x00" * 60)),
    ("kb/big03.jsonl", lambda data, at: data.__setitem__(slice(at + 400, at + 401), b"\xff")),
    ("kb/big11.jsonl", lambda data, at: data.__setitem__(slice(at, at + 4), b"PK\x09\x09")),
])
def test_a_big_pack_damaged_anywhere_is_refused_the_same_either_way(
        entry: str, change: Callable[[bytearray, int], None], trusted_store: dict[str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    good = hand_made_pack(tmp_path / "good.assistpack", _big_files())
    read = _both_ways(good, monkeypatch)
    assert isinstance(read, dict) and read["kb/big05.jsonl"] == _big_files()["kb/big05.jsonl"]
    bad = tmp_path / "bad.assistpack"
    bad.write_bytes(_damaged(good.read_bytes(), entry, change))
    refused = _both_ways(bad, monkeypatch)
    assert isinstance(refused, str) and "damaged or truncated" in refused, refused
