"""`assist bench team` end to end, small: the figures come from real followers and a real server."""

from __future__ import annotations

import json

import pytest

from assist.cli import main


def test_the_team_benchmark_runs_and_loses_nothing(pg_server_url: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "team", "--db", pg_server_url, "--clients", "3", "--edits", "40", "--batch", "10",
                 "--workers", "2", "--pack-entries", "30", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert {"clients", "edits", "converged_s", "pack_rollout_s", "lost", "server_cpu_s"} <= set(result)
    assert result["clients"] == 3 and result["edits"] == 40
    assert result["lost"] == 0
    assert result["converged_s"] is not None and result["converged_s"] >= result["publish_s"]
    assert result["pack_rollout_s"] is not None and result["met"]["lost"] is True
    assert result["pack"]["entries"] == 30
    # The sidebars' own work, per sidebar: what N of them cost one machine's cores.
    assert result["sidebar_cpu_ms_each"]["edits"] > 0 and result["sidebar_cpu_ms_each"]["pack"] > 0


def test_the_benchmark_says_when_the_server_has_no_room(pg_server_url: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "team", "--db", pg_server_url, "--clients", "100000", "--json"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "max_connections" in err and err.count("\n") == 1


def test_the_pushed_pack_size_is_checked(pg_server_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "team", "--db", pg_server_url, "--pack-entries", "-1", "--json"])
    _, err = capsys.readouterr()
    assert code == 1 and "--pack-entries must be between 0 and 5000" in err and err.count("\n") == 1
