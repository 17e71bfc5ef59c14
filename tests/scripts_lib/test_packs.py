"""Packs end to end through the `assist pack` commands: keys, build, sign, verify, install, roll back."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import keyring
import pytest

from assist import __version__
from assist.cli import main
from assist.context import AppContext
from knowledge.store import KnowledgeStore
from scripts_lib.packs import PackError, build_pack, read_pack, verify_pack
from scripts_lib.packs.signing import KEYRING_SERVICE, generate_key, private_key
from scripts_lib.storage import BUILTIN
from tests.scripts_lib.packs_support import builtin_script_files, write_source


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A signing key 'lead' whose public key this store trusts."""
    public = tmp_path / "lead.pub"
    assert run(capsys, "pack", "keygen", "lead", "-o", str(public))[0] == 0
    assert run(capsys, "pack", "trust", str(public))[0] == 0
    return public


def signed(tmp_path: Path, capsys: pytest.CaptureFixture[str], label: str, **source: object) -> Path:
    folder = write_source(tmp_path / f"src-{label}", **source)  # type: ignore[arg-type]
    output = tmp_path / f"{label}.assistpack"
    code, _, err = run(capsys, "pack", "build", str(folder), "-o", str(output), "--key", "lead")
    assert code == 0, err
    return output


def open_store(data_dir: Path) -> KnowledgeStore:
    return KnowledgeStore.open(data_dir)


def test_keygen_keeps_the_private_key_in_the_keyring_only(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    public = tmp_path / "k.pub"
    code, out, _ = run(capsys, "pack", "keygen", "k", "-o", str(public))
    assert code == 0 and "SHA256:" in out
    secret = keyring.get_password(KEYRING_SERVICE, "k")
    assert secret is not None and len(secret) > 40
    text = public.read_text()
    assert text.startswith("ssh-ed25519 ") and text.strip().endswith(" k")
    assert secret not in text and secret not in out
    # A second key under the same name would orphan every pack signed with the first.
    code, _, err = run(capsys, "pack", "keygen", "k", "-o", str(tmp_path / "other.pub"))
    assert code == 1 and "already exists" in err
    assert keyring.get_password(KEYRING_SERVICE, "k") == secret


def test_keygen_without_a_keyring_says_so_and_writes_nothing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())
    code, _, err = run(capsys, "pack", "keygen", "k", "-o", str(tmp_path / "k.pub"))
    assert code == 1 and "no OS keyring" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "k.pub").exists()


def test_install_makes_content_searchable_and_list_shows_it(tmp_path: Path, lead: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    pack = signed(tmp_path, capsys, "v1")
    code, out, err = run(capsys, "pack", "verify", str(pack))
    assert code == 0 and "OK" in out and "1 script(s), 2 FAQ entries" in out, err
    code, out, _ = run(capsys, "pack", "install", str(pack))
    assert code == 0 and "installed east-refunds 1.0.0" in out
    hits = json.loads(run(capsys, "search", "华东退款核对", "--json", "--limit", "3")[1])
    assert hits[0]["id"].startswith("script:east-refund-check")
    hits = json.loads(run(capsys, "search", "华东仓退款", "--json", "--limit", "3")[1])
    assert hits[0]["id"] == "east-refund-window"
    listed = json.loads(run(capsys, "pack", "list", "--json")[1])
    assert [(p["name"], p["version"], p["scripts"], p["entries"], p["previous"]) for p in listed] == \
        [("east-refunds", "1.0.0", 1, 2, None)]


def test_same_version_same_content_is_a_no_op_different_content_refused(
        tmp_path: Path, lead: Path, capsys: pytest.CaptureFixture[str], isolated: Path) -> None:
    first = signed(tmp_path, capsys, "v1")
    assert run(capsys, "pack", "install", str(first))[0] == 0
    rebuilt = signed(tmp_path, capsys, "v1-again")  # same content, built later
    code, out, _ = run(capsys, "pack", "install", str(rebuilt))
    assert code == 0 and "nothing changed" in out
    changed = signed(tmp_path, capsys, "v1-changed", entries=[
        {"id": "east-other", "title": "华东别的问题", "body": "我们可以为您查一下。"}])
    code, _, err = run(capsys, "pack", "install", str(changed))
    assert code == 1 and "already installed with different content" in err
    store = open_store(isolated)
    assert store.get("east-other") is None and store.get("east-refund-window") is not None


def test_upgrade_rollback_downgrade_and_uninstall(tmp_path: Path, lead: Path, isolated: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # v1 takes over a built-in script; v2 drops one FAQ entry and adds another.
    builtin = builtin_script_files()
    taken_file = next(iter(builtin))
    taken = dict(builtin[taken_file])
    taken["title"] = {"zh-Hans": "华东版：" + taken["title"]["zh-Hans"],
                      "en": "East: " + taken["title"]["en"]}
    v1 = signed(tmp_path, capsys, "v1", scripts={taken_file: taken})
    v2 = signed(tmp_path, capsys, "v2", version="1.1.0", scripts={taken_file: taken}, entries=[
        {"id": "east-refund-window", "title": "华东仓退款几天到账",
         "body": "华东仓签收退货后，原路退款一般一个工作日内到账。"},
        {"id": "east-new", "title": "华东新仓地址", "body": "我可以为您发送新仓的退货地址短信。"}])
    assert run(capsys, "pack", "install", str(v1))[0] == 0
    assert run(capsys, "pack", "install", str(v2))[0] == 0
    store = open_store(isolated)
    script_id = taken["id"]
    assert store.script(script_id).origin == "east-refunds"  # type: ignore[union-attr]
    assert store.get("east-pickup").status == "archived"  # type: ignore[union-attr]
    assert "一个工作日" in store.get("east-refund-window").body  # type: ignore[union-attr]
    listed = json.loads(run(capsys, "pack", "list", "--json")[1])
    assert (listed[0]["version"], listed[0]["previous"]) == ("1.1.0", "1.0.0")

    code, _, err = run(capsys, "pack", "install", str(v1))
    assert code == 1 and "--allow-downgrade" in err

    code, out, _ = run(capsys, "pack", "rollback", "east-refunds")
    assert code == 0 and "from 1.1.0 to 1.0.0" in out
    assert store.get("east-pickup").status == "published"  # type: ignore[union-attr]
    assert store.get("east-new").status == "archived"  # type: ignore[union-attr]
    assert "两个工作日" in store.get("east-refund-window").body  # type: ignore[union-attr]
    hits = json.loads(run(capsys, "search", "华东新仓地址", "--json", "--limit", "5")[1])
    assert "east-new" not in [hit["id"] for hit in hits]
    code, _, err = run(capsys, "pack", "rollback", "east-refunds")
    assert code == 1 and "no previous version" in err

    code, _, _ = run(capsys, "pack", "install", str(v2))
    assert code == 0
    assert run(capsys, "pack", "install", "--allow-downgrade", str(v1))[0] == 0
    assert json.loads(run(capsys, "pack", "list", "--json")[1])[0]["version"] == "1.0.0"

    code, out, _ = run(capsys, "pack", "uninstall", "east-refunds")
    assert code == 0 and "uninstalled east-refunds 1.0.0" in out
    restored = store.script(script_id)
    assert restored is not None and (restored.origin, restored.status) == (BUILTIN, "published")
    assert restored.data["title"] == builtin[taken_file]["title"]
    assert store.get("east-refund-window").status == "archived"  # type: ignore[union-attr]
    assert json.loads(run(capsys, "pack", "list", "--json")[1]) == []
    hits = json.loads(run(capsys, "search", "华东版", "--json", "--limit", "5")[1])
    assert not any(hit["title"].startswith("华东版") for hit in hits)
    # A later start does not hand the restored script to anyone else.
    AppContext.open(isolated).close()
    assert store.script(script_id).origin == BUILTIN  # type: ignore[union-attr]
    store.close()


def test_a_pack_replaces_a_local_entry_and_gives_it_back(tmp_path: Path, lead: Path, isolated: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    AppContext.open(isolated).close()
    store = open_store(isolated)
    local = store.get("refund-eta")
    assert local is not None and local.origin == "local"
    pack = signed(tmp_path, capsys, "v1", entries=[
        {"id": "refund-eta", "title": "华东退款多久到账", "body": "华东仓一般两个工作日内到账。"}])
    assert run(capsys, "pack", "install", str(pack))[0] == 0
    assert store.get("refund-eta").origin == "east-refunds"  # type: ignore[union-attr]
    assert run(capsys, "pack", "uninstall", "east-refunds")[0] == 0
    back = store.get("refund-eta")
    assert back is not None and back.content_key() == local.content_key() and back.origin == "local"
    store.close()


def test_built_scripts_are_json_that_reads_back_as_the_same_script(tmp_path: Path) -> None:
    lead = generate_key("lead")
    files = builtin_script_files()
    folder = write_source(tmp_path / "src", scripts=files, entries=[])
    built = tmp_path / "all.assistpack"
    _, content = build_pack(folder, built, __version__, private_key("lead"))
    archive = read_pack(built)
    scripts = {name: data for name, data in archive.files.items() if name.startswith("scripts/")}
    assert len(scripts) == len(files)
    assert all(json.loads(data)["id"] for data in scripts.values())
    stranger = generate_key("stranger")
    with pytest.raises(PackError, match="untrusted"):
        verify_pack(built, {stranger.fingerprint: stranger}, __version__)
    verified = verify_pack(built, {lead.fingerprint: lead}, __version__)
    # What was validated at build time is exactly what every sidebar reads back.
    expected = {data["id"]: data for data in files.values()}
    assert {script.id: script.to_file_data() for script in content.scripts} == expected
    assert {script.id: script.to_file_data() for script in verified.scripts} == expected


def test_build_reports_a_bad_script_with_its_file_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.scripts_lib.sample import sample

    broken = sample()
    broken["steps"][0]["branches"][0]["next"] = "nowhere"
    folder = write_source(tmp_path / "src", scripts={"broken.yaml": broken})
    output = tmp_path / "out.assistpack"
    code, _, err = run(capsys, "pack", "build", str(folder), "-o", str(output))
    assert code == 1 and "scripts/broken.yaml" in err and "nowhere" in err
    assert len(err.strip().splitlines()) == 1
    assert not output.exists()


def test_sign_replaces_the_file_atomically_and_keeps_content(tmp_path: Path, lead: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_source(tmp_path / "src")
    output = tmp_path / "p.assistpack"
    assert run(capsys, "pack", "build", str(folder), "-o", str(output))[0] == 0
    before = read_pack(output)
    assert before.signature is None
    code, _, err = run(capsys, "pack", "verify", str(output))
    assert code == 1 and "not signed" in err
    assert run(capsys, "pack", "sign", str(output), "--key", "lead")[0] == 0
    after = read_pack(output)
    assert after.signature is not None and after.files == before.files
    assert after.manifest == before.manifest
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".p.assistpack")] == []
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist())[:2] == ["kb/entries.jsonl", "pack.sig"]


def test_bench_packs_prints_the_figures_and_search_follows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bench", "packs", "--scripts", "12", "--entries", "60", "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["scripts"], result["entries"]) == (12, 60)
    for key in ("verify_ms", "install_ms", "upgrade_install_ms", "rollback_ms"):
        assert result[key] > 0
    assert result["search_shows"] == {"install": True, "upgrade": True, "rollback": True, "scripts": True}


def _taking_over(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, file_name: str,
                 data: dict[str, object], title: str) -> Path:
    script = dict(data)
    script["title"] = {"zh-Hans": title, "en": title}
    return signed(tmp_path, capsys, name, name=name, scripts={file_name: script}, entries=[
        {"id": f"{name}-entry", "title": f"{name} 问题", "body": "我可以为您查一下。"}])


@pytest.mark.parametrize("order", [("pack-a", "pack-b"), ("pack-b", "pack-a")])
def test_two_packs_over_one_built_in_script_give_it_back_in_any_order(
        tmp_path: Path, lead: Path, isolated: Path, capsys: pytest.CaptureFixture[str],
        order: tuple[str, str]) -> None:
    file_name, data = next(iter(builtin_script_files().items()))
    for name in ("pack-a", "pack-b"):
        pack = _taking_over(tmp_path, capsys, name, file_name, data, f"{name} 版")
        assert run(capsys, "pack", "install", str(pack))[0] == 0
    store = open_store(isolated)
    assert store.script(data["id"]).origin == "pack-b"  # type: ignore[union-attr]
    first, second = order
    assert run(capsys, "pack", "uninstall", first)[0] == 0
    assert store.script(data["id"]).origin == ("pack-b" if first == "pack-a" else "pack-a")  # type: ignore[union-attr]
    assert run(capsys, "pack", "uninstall", second)[0] == 0
    restored = store.script(data["id"])
    assert restored is not None and (restored.origin, restored.status) == (BUILTIN, "published")
    assert restored.data["title"] == data["title"]
    store.close()


def test_a_local_edit_made_after_install_comes_back_on_uninstall(
        tmp_path: Path, lead: Path, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    AppContext.open(isolated).close()
    store = open_store(isolated)
    demo = store.get("refund-eta")
    assert demo is not None
    pack_entry = {"id": "refund-eta", "title": "退款多久到账（华东）", "body": "华东一般两个工作日到账。"}
    v1 = signed(tmp_path, capsys, "v1", entries=[pack_entry])
    v2 = signed(tmp_path, capsys, "v2", version="1.1.0",
                entries=[pack_entry | {"body": "华东一般一个工作日到账。"}])
    assert run(capsys, "pack", "install", str(v1))[0] == 0
    edit = tmp_path / "edit.jsonl"
    edit.write_text(json.dumps(pack_entry | {"body": "本地改过：华东一般三个工作日到账。"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(capsys, "kb", "import", str(edit))[0] == 0
    assert store.get("refund-eta").origin == "local"  # type: ignore[union-attr]
    code, out, _ = run(capsys, "pack", "install", str(v2))
    assert code == 0 and "1 item(s) changed here or by another pack" in out
    assert "一个工作日" in store.get("refund-eta").body  # type: ignore[union-attr]
    assert run(capsys, "pack", "uninstall", "east-refunds")[0] == 0
    back = store.get("refund-eta")
    assert back is not None and back.origin == "local" and "本地改过" in back.body
    store.close()


def test_reimporting_an_export_keeps_pack_entries_with_their_pack(
        tmp_path: Path, lead: Path, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "pack", "install", str(signed(tmp_path, capsys, "v1")))[0] == 0
    exported = tmp_path / "all.jsonl"
    assert run(capsys, "kb", "export", str(exported))[0] == 0
    assert run(capsys, "kb", "import", str(exported))[0] == 0
    store = open_store(isolated)
    assert store.get("east-refund-window").origin == "east-refunds"  # type: ignore[union-attr]
    assert run(capsys, "pack", "uninstall", "east-refunds")[0] == 0
    assert store.get("east-refund-window").status == "archived"  # type: ignore[union-attr]
    store.close()


def test_keygen_into_a_missing_folder_keeps_no_key(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pack", "keygen", "k", "-o", str(tmp_path / "missing" / "k.pub"))
    assert code == 1 and "is not a folder" in err
    assert keyring.get_password(KEYRING_SERVICE, "k") is None


def test_sign_refuses_a_pack_whose_content_does_not_check(tmp_path: Path, lead: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tests.scripts_lib.packs_support import hand_made_pack, script_bytes
    from tests.scripts_lib.sample import sample, step_of

    script = sample()
    step_of(script, "close")["say"] = [{"zh-Hans": "您别生气。", "en": "Calm down."}]
    pack = hand_made_pack(tmp_path / "p.assistpack", {"scripts/demo.yaml": script_bytes(script)}, key=None)
    code, _, err = run(capsys, "pack", "sign", str(pack), "--key", "lead")
    assert code == 1 and "compliance lint" in err
    assert read_pack(pack).signature is None


def test_a_newline_in_the_title_cannot_pass_for_other_metadata() -> None:
    import datetime as dt

    from scripts_lib.packs.manifest import Manifest

    made = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    one = Manifest("p", "1.0.0", "a\nauthor=b", "c", made, "0.1.0", {"kb/x.jsonl": "0" * 64})
    other = Manifest("p", "1.0.0", "a", "b\nauthor=c", made, "0.1.0", {"kb/x.jsonl": "0" * 64})
    assert one.content_digest != other.content_digest
