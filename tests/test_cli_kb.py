"""The editing workflow and the lint on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.cli import main
from assist.settings import Settings


@pytest.fixture(autouse=True)
def reviewer() -> None:
    """These tests act as a reviewer (who may also edit); agents are refused (tested below)."""
    settings = Settings.load()
    settings.set("knowledge_role", "reviewer")
    settings.save()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_edit_submit_approve_history_diff_rollback(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set",
               "body=支付失败不会扣款；银行已扣的1-3个工作日原路退回。", "--set", "tags=支付|扣款")[0] == 0
    assert run(capsys, "kb", "submit", "pay-failed", "--as", "wang")[0] == 0
    code, out, _ = run(capsys, "kb", "drafts", "--state", "review")
    assert code == 0 and "pay-failed  by wang  from v1" in out
    code, out, _ = run(capsys, "kb", "approve", "pay-failed", "--author", "wang", "--as", "li")
    assert (code, out) == (0, "pay-failed: version 2 published\n")
    code, out, _ = run(capsys, "search", "银行已扣的", "--json", "--limit", "1")
    assert json.loads(out)[0]["id"] == "pay-failed"  # searchable at once
    code, out, _ = run(capsys, "kb", "history", "pay-failed")
    assert "v2" in out and "publish by wang, approved by li" in out and "v1" in out and "baseline" in out
    code, out, _ = run(capsys, "kb", "diff", "pay-failed", "1", "2")
    assert code == 0 and "{+" in out and "[-" in out and out.startswith("body:")
    assert run(capsys, "kb", "rollback", "pay-failed", "1", "--as", "li")[0] == 0
    code, out, _ = run(capsys, "kb", "history", "pay-failed")
    assert out.splitlines()[0].startswith("v3") and "rollback by li" in out


def test_lint_errors_block_submit_with_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "body=这是公司规定，没办法。")
    code, _out, err = run(capsys, "kb", "submit", "pay-failed", "--as", "wang")
    assert code == 1
    assert "pay-failed: body: error '这是公司规定'" in err and "not submitted" in err


def test_kb_lint_on_files_exits_one_on_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "entries.jsonl"
    lines = [{"id": "x1", "title": "退货", "body": "这是公司规定，不退。"},
             {"id": "x2", "title": "退款", "body": "我不能马上退。"}]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    code, out, err = run(capsys, "kb", "lint", str(path))
    assert code == 1
    found = out.splitlines()
    assert found[0].startswith("x1: body: error '这是公司规定'") and "Instead:" in found[0]
    assert found[1].startswith("x2: body: warning")
    assert "2 entries: 1 error(s), 1 warning(s)" in err
    clean = tmp_path / "clean.jsonl"
    entry = {"id": "x3", "title": "发票", "body": "在订单详情里申请。"}
    clean.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
    assert run(capsys, "kb", "lint", str(clean))[0] == 0


def test_a_conflict_is_refused_naming_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    for editor, body in (("wang", "王的版本"), ("zhao", "赵的版本")):
        run(capsys, "kb", "edit", "pay-failed", "--as", editor, "--set", f"body={body}")
        run(capsys, "kb", "submit", "pay-failed", "--as", editor)
    assert run(capsys, "kb", "approve", "pay-failed", "--author", "wang", "--as", "li")[0] == 0
    code, _out, err = run(capsys, "kb", "approve", "pay-failed", "--author", "zhao", "--as", "li")
    assert code == 1 and "fields both changed: body" in err and "nothing was published" in err


def test_bad_set_and_unknown_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "kb", "edit", "pay-failed", "--set", "colour=red")
    assert code == 1 and "FIELD=VALUE" in err
    code, _out, err = run(capsys, "kb", "edit", "no-such-entry", "--as", "wang", "--set", "body=x")
    assert code == 1 and "there is no entry 'no-such-entry'" in err
    code, _out, err = run(capsys, "kb", "edit", "pay-failed", "--as", "wang",
                          "--set", "verify_by=2027-02-30")
    assert code == 1 and "not saved: verify_by" in err  # what --set gives is checked at once
    code, _out, err = run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "title=ab\x07c")
    assert code == 1 and "control character" in err
    assert run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "body=我不能马上退款。")[0] == 0
    code, _out, err = run(capsys, "kb", "submit", "pay-failed", "--as", "wang")
    assert code == 0 and "assist: warning: pay-failed: body: warning" in err


def test_merge_after_a_conflict_and_discard(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "body=王的版本",
        "--set", "tags=王加的标签")
    run(capsys, "kb", "edit", "pay-failed", "--as", "zhao", "--set", "body=赵的版本")
    run(capsys, "kb", "submit", "pay-failed", "--as", "zhao")
    run(capsys, "kb", "approve", "pay-failed", "--author", "zhao", "--as", "li")
    code, _out, err = run(capsys, "kb", "submit", "pay-failed", "--as", "wang")
    assert code == 1 and "fields both changed: body" in err
    code, _out, err = run(capsys, "kb", "merge", "pay-failed", "--as", "wang")
    assert code == 1 and "both changed body" in err and "赵的版本" in err
    code, out, _err = run(capsys, "kb", "merge", "pay-failed", "--as", "wang", "--keep", "theirs")
    assert code == 0 and "starts from version 2" in out
    assert run(capsys, "kb", "submit", "pay-failed", "--as", "wang")[0] == 0
    assert run(capsys, "kb", "approve", "pay-failed", "--author", "wang", "--as", "li")[0] == 0
    code, out, _err = run(capsys, "search", "王加的标签", "--json", "--limit", "1")
    assert json.loads(out)[0]["id"] == "pay-failed"  # wang's tag made it in, zhao's body stayed
    run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "body=不要了")
    assert run(capsys, "kb", "discard", "pay-failed", "--as", "wang")[0] == 0
    code, out, _err = run(capsys, "kb", "drafts")
    assert "pay-failed" not in out


def test_agents_and_editors_are_kept_to_their_role(capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.load()
    settings.set("knowledge_role", "editor")
    settings.save()
    assert run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "body=改一句")[0] == 0
    assert run(capsys, "kb", "submit", "pay-failed", "--as", "wang")[0] == 0
    code, _out, err = run(capsys, "kb", "approve", "pay-failed", "--author", "wang", "--as", "wang2")
    assert code == 1 and "kb approve is for reviewers" in err
    settings.set("knowledge_role", "agent")
    settings.save()
    code, _out, err = run(capsys, "kb", "edit", "pay-failed", "--as", "wang", "--set", "body=再改")
    assert code == 1 and "for editors and reviewers" in err
    assert run(capsys, "kb", "lint")[0] == 0  # reading is for everyone
