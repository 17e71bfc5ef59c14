"""A pack upgrade checks again only what changed since the installed version, and what it carries
over unchecked is exactly what a full check would have installed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from assist import __version__
from assist.context import AppContext
from knowledge.lint import RuleSet, parse_rules
from knowledge.models import PackVersion
from knowledge.store import KnowledgeStore
from scripts_lib.packs import (
    PackError,
    build_pack,
    install_pack,
    rollback_pack,
    trust_key,
    trusted_keys,
    uninstall_pack,
)
from scripts_lib.packs.archive import read_pack
from scripts_lib.packs.install import installed_checks
from scripts_lib.packs.signing import generate_key, private_key
from scripts_lib.packs.verify import VerifiedPack, check_content, verify_archive
from tests.scripts_lib.packs_support import hand_made_pack, manifest_bytes, write_source
from tests.scripts_lib.sample import sample

NAME = "east-refunds"


def script(script_id: str, title: str) -> dict[str, Any]:
    data = sample()
    data["id"] = script_id
    data["title"] = {"zh-Hans": title, "en": f"East: {script_id}"}
    return data


def entry(entry_id: str, body: str) -> dict[str, Any]:
    return {"id": entry_id, "title": f"华东问题 {entry_id}", "body": body, "tags": ["华东"]}


V1_SCRIPTS = {"a.yaml": script("east-a", "华东流程甲"), "b.yaml": script("east-b", "华东流程乙")}
V1_ENTRIES = [entry("east-1", "第一条答复。"), entry("east-2", "第二条答复。"),
              entry("east-3", "第三条答复。")]
V2_SCRIPTS = {**V1_SCRIPTS, "b.yaml": script("east-b", "华东流程乙（新）")}


@pytest.fixture
def store(isolated: Path) -> Any:
    AppContext.open(isolated).close()  # the demo content, as an agent's sidebar has it
    store = KnowledgeStore.open(isolated)
    trust_key(store, generate_key("lead"))
    yield store
    store.close()


def built(tmp_path: Path, label: str, version: str, scripts: dict[str, Any] | None = None,
          entries: list[dict[str, Any]] | None = None, extra_kb: dict[str, str] | None = None) -> Path:
    folder = write_source(tmp_path / f"src-{label}", version=version, name=NAME,
                          scripts=V1_SCRIPTS if scripts is None else scripts,
                          entries=V1_ENTRIES if entries is None else entries)
    for file_name, text in (extra_kb or {}).items():
        (folder / "kb" / file_name).write_text(text, encoding="utf-8")
    output = tmp_path / f"{label}.assistpack"
    build_pack(folder, output, __version__, private_key("lead"))
    return output


def resigned(tmp_path: Path, pack: Path, label: str, changed: dict[str, str]) -> Path:
    """`pack` as version 1.1.0 with some files changed: signed by the lead as a builder never would
    (build_pack refuses content that fails its checks)."""
    files = {**read_pack(pack).files, **{name: text.encode("utf-8") for name, text in changed.items()}}
    manifest = manifest_bytes(files, name=NAME, version="1.1.0")
    return hand_made_pack(tmp_path / f"{label}.assistpack", files, manifest=manifest)


def verified(store: KnowledgeStore, path: Path, rules: RuleSet | None = None,
             app_version: str = __version__) -> VerifiedPack:
    """As a team sidebar verifies a release: against what it has installed of the same pack."""
    return verify_archive(read_pack(path), trusted_keys(store), app_version, rules,
                          installed=installed_checks(store, NAME))


def content(store: KnowledgeStore) -> dict[str, Any]:
    """Everything a pack shows in the store: scripts and entries with their state."""
    scripts = {record.id: (record.origin, record.status, record.data) for record in store.scripts(status=None)
               if record.id.startswith("east-")}
    entries = {item.id: (item.origin, item.content_key()) for item in store.entries()
               if item.id.startswith("east-")}
    return {"scripts": scripts, "entries": entries}


def test_an_upgrade_checks_only_what_changed_and_installs_what_a_full_check_would(
        store: KnowledgeStore, tmp_path: Path, isolated: Path) -> None:
    v1 = built(tmp_path, "v1", "1.0.0")
    v2_entries = [V1_ENTRIES[0], entry("east-2", "第二条答复，改过了。"), V1_ENTRIES[2],
                  entry("east-4", "新的一条。")]
    v2 = built(tmp_path, "v2", "1.1.0", scripts=V2_SCRIPTS, entries=v2_entries)
    first = verified(store, v1)
    assert first.carried == 0  # nothing installed yet: everything is checked
    install_pack(store, first)

    upgrade = verified(store, v2)
    assert [item.id for item in upgrade.content.carried_scripts] == ["east-a"]
    assert sorted(item.id for item in upgrade.content.carried_entries) == ["east-1", "east-3"]
    assert [item.id for item in upgrade.scripts] == ["east-b"]
    assert sorted(item.id for item in upgrade.entries) == ["east-2", "east-4"]
    install_pack(store, upgrade)

    # The same upgrade on a store that checks all of it ends the same way.
    other_dir = tmp_path / "other"
    AppContext.open(other_dir).close()
    other = KnowledgeStore.open(other_dir)
    try:
        trust_key(other, generate_key("other-lead"))
        for path in (v1, v2):
            full = verify_archive(read_pack(path), trusted_keys(store), __version__)
            assert full.carried == 0
            install_pack(other, full)
        assert content(store) == content(other)
    finally:
        other.close()
    assert "第二条答复，改过了" in store.get("east-2").body  # type: ignore[union-attr]
    assert store.script("east-b").data["title"]["zh-Hans"] == "华东流程乙（新）"  # type: ignore[union-attr]

    # The next upgrade carries from what this one accepted, including what it carried itself.
    v3 = built(tmp_path, "v3", "1.2.0", scripts=V2_SCRIPTS, entries=v2_entries[:3])
    third = verified(store, v3)
    assert (len(third.content.carried_scripts), len(third.content.carried_entries)) == (2, 3)
    assert third.scripts == () and third.entries == ()
    install_pack(store, third)
    assert store.get("east-4").status == "archived"  # type: ignore[union-attr]
    assert store.get("east-1").status == "published"  # type: ignore[union-attr]


def test_a_changed_line_is_checked_in_full_and_refused_without_touching_the_store(
        store: KnowledgeStore, tmp_path: Path) -> None:
    v1 = built(tmp_path, "v1", "1.0.0")
    install_pack(store, verified(store, v1))
    before = content(store)
    lines = (tmp_path / "src-v1" / "kb" / "entries.jsonl").read_text(encoding="utf-8")
    banned = lines.replace("第二条答复。", "这是公司规定，没有别的办法。")
    with pytest.raises(PackError, match="compliance lint: FAQ east-2"):
        verified(store, resigned(tmp_path, v1, "banned", {"kb/entries.jsonl": banned}))
    with pytest.raises(PackError, match=r"invalid FAQ entry: kb/entries\.jsonl:2: body"):
        emptied = lines.replace("第二条答复。", "")
        verified(store, resigned(tmp_path, v1, "empty", {"kb/entries.jsonl": emptied}))
    broken_script = '{"id": "east-b", "title": '
    with pytest.raises(PackError, match=r"invalid script: scripts/b\.yaml"):
        verified(store, resigned(tmp_path, v1, "cut", {"scripts/b.yaml": broken_script}))
    assert content(store) == before
    assert installed_checks(store, NAME) is not None


def test_new_lint_rules_or_a_new_app_version_check_everything_again(store: KnowledgeStore,
                                                                      tmp_path: Path) -> None:
    install_pack(store, verified(store, built(tmp_path, "v1", "1.0.0")))
    v2 = built(tmp_path, "v2", "1.1.0", entries=[*V1_ENTRIES, entry("east-9", "新加的一条。")])
    assert verified(store, v2).carried == 5
    assert verified(store, v2, app_version="99.0.0").carried == 0
    # A rule added since v1 was checked now refuses the lines v1 had, though they did not change.
    stricter = parse_rules({"version": 2, "rules": [{
        "id": "no-third", "severity": "error", "pattern": "第三条",
        "why": {"en": "Test rule."}, "suggest": {"en": "Say it another way."}}]})
    with pytest.raises(PackError, match="compliance lint: FAQ east-3"):
        verified(store, v2, rules=stricter)


def test_a_carried_item_someone_took_from_the_pack_is_written_back(store: KnowledgeStore,
                                                                   tmp_path: Path) -> None:
    install_pack(store, verified(store, built(tmp_path, "v1", "1.0.0")))
    local = dataclasses.replace(store.get("east-1"), body="本地改过的答复。", origin="local")  # type: ignore[arg-type]
    store.upsert([local])
    assert store.get("east-1").origin == "local"  # type: ignore[union-attr]
    v2 = built(tmp_path, "v2", "1.1.0", entries=[*V1_ENTRIES, entry("east-4", "新的。")])
    upgrade = verified(store, v2)
    assert "east-1" in [item.id for item in upgrade.content.carried_entries]
    install_pack(store, upgrade)
    back = store.get("east-1")
    assert back is not None and (back.origin, back.body) == (NAME, "第一条答复。")
    uninstall_pack(store, NAME)
    assert store.get("east-1").body == "本地改过的答复。"  # type: ignore[union-attr]


def test_a_carried_id_cannot_come_back_in_a_changed_file(store: KnowledgeStore, tmp_path: Path) -> None:
    install_pack(store, verified(store, built(tmp_path, "v1", "1.0.0")))
    more = json.dumps(entry("east-9", "新的。"), ensure_ascii=False) + "\n"
    twice = built(tmp_path, "twice", "1.1.0", extra_kb={"more.jsonl": more})
    assert verified(store, twice).carried == 5
    # b.yaml changed and now says it is east-a, which a.yaml (carried, unchanged) already is.
    clash = built(tmp_path, "clash", "1.1.0", scripts={**V1_SCRIPTS, "b.yaml": script("east-b", "改")})
    archive = read_pack(clash)
    files = dict(archive.files)
    files["scripts/b.yaml"] = files["scripts/b.yaml"].replace(b'"east-b"', b'"east-a"')
    with pytest.raises(PackError, match="duplicate script id 'east-a'"):
        check_content(files, installed=installed_checks(store, NAME))
    # A new file of entries repeats the id of a carried line.
    files = dict(read_pack(twice).files)
    files["kb/more.jsonl"] = (json.dumps(entry("east-1", "另一个答复。"), ensure_ascii=False) + "\n").encode()
    with pytest.raises(PackError, match="id 'east-1' is also in"):
        check_content(files, installed=installed_checks(store, NAME))


def test_rollback_reads_the_kept_pack_file_and_an_older_row_kept_as_json(store: KnowledgeStore,
                                                                        tmp_path: Path) -> None:
    v1 = built(tmp_path, "v1", "1.0.0")
    v2 = built(tmp_path, "v2", "1.1.0", entries=[entry("east-1", "第一条，改过。")])
    install_pack(store, verified(store, v1))
    with_v1 = content(store)
    install_pack(store, verified(store, v2))
    assert store.get("east-2").status == "archived"  # type: ignore[union-attr]
    rollback_pack(store, NAME)
    assert content(store) == with_v1

    # A version installed before pack files were kept (migration 0008): its content as JSON, as that
    # code wrote it, and no checks to carry from.
    uninstall_pack(store, NAME)
    full = verified(store, v1)
    install_pack(store, full)
    with store.session() as session, session.begin():
        session.execute(update(PackVersion).where(PackVersion.name == NAME).values(
            archive=None, checked=None, checked_under=None,
            scripts=[script.to_json() for script in full.scripts],
            entries=[item.to_import_record() for item in full.entries]))
    with_json = content(store)
    assert installed_checks(store, NAME) is None
    upgrade = verified(store, v2)
    assert upgrade.carried == 0
    install_pack(store, upgrade)
    rollback_pack(store, NAME)
    assert content(store) == with_json


def test_a_kept_pack_file_that_no_longer_reads_stops_the_rollback_and_changes_nothing(
        store: KnowledgeStore, tmp_path: Path) -> None:
    install_pack(store, verified(store, built(tmp_path, "v1", "1.0.0")))
    install_pack(store, verified(store, built(tmp_path, "v2", "1.1.0", entries=[entry("east-1", "改过。")])))
    with store.session() as session, session.begin():
        session.execute(update(PackVersion).where(PackVersion.version == "1.0.0")
                        .values(archive=b"PK\x03\x04junk"))
    before = content(store)
    with pytest.raises(PackError, match=r"the copy kept of east-refunds 1\.0\.0 cannot be read: .*damaged"):
        rollback_pack(store, NAME)
    assert content(store) == before
    assert installed_checks(store, NAME) is not None
