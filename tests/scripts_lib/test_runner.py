"""Walking a script during a call: moves, refused moves that change nothing, lines filled in."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from scripts_lib import RunnerError, Script, ScriptRunner, builtin_scripts
from tests.scripts_lib.sample import parsed, sample

SCRIPT = parsed(sample())


def state(runner: ScriptRunner) -> tuple[tuple[str, ...], str, str]:
    return runner.path, runner.current.id, runner.lang


def test_it_starts_at_the_start_step() -> None:
    runner = ScriptRunner(SCRIPT)
    assert runner.current.id == "greet" and runner.path == ("greet",)
    assert not runner.at_end and not runner.can_go_back and not runner.can_advance
    assert runner.title() == "问候并确认身份"
    assert runner.branch_labels() == ["身份无误", "客户要求找主管"]


def test_walk_a_branch_go_back_and_restart() -> None:
    runner = ScriptRunner(SCRIPT, lang="en")
    assert runner.choose(0).id == "explain"
    assert runner.can_advance
    assert runner.advance().id == "close"
    assert runner.at_end and runner.path == ("greet", "explain", "close")
    assert runner.back().id == "explain"
    assert runner.back().id == "greet"
    assert runner.choose(1).id == "escalate"
    assert runner.current.escalation and runner.at_end
    assert runner.restart().id == "greet"
    assert list(runner.path) == ["greet"]


def test_a_loop_back_is_retraced_by_back() -> None:
    data = sample()
    explain = data["steps"][1]
    del explain["next"]
    explain["branches"] = [{"label": {"zh-Hans": "再说一遍", "en": "Again"}, "next": "greet"},
                           {"label": {"zh-Hans": "好", "en": "OK"}, "next": "close"}]
    runner = ScriptRunner(parsed(data))
    runner.choose(0)
    runner.choose(0)
    runner.choose(0)
    assert runner.path == ("greet", "explain", "greet", "explain")
    assert runner.back().id == "greet" and runner.back().id == "explain"


def test_lines_render_from_the_context_and_report_slots() -> None:
    runner = ScriptRunner(SCRIPT, {"customer.name": "王女士", "agent.name": "小李"})
    first, second = runner.say_lines()
    assert first.text == "王女士您好，我是小李。" and first.slots == ()
    assert second.text == "请问您手机尾号是【customer.phone_tail】吗？"
    assert second.slots == ("customer.phone_tail",)
    runner.fill("customer.phone_tail", "1234")
    assert runner.say_lines()[1].text == "请问您手机尾号是1234吗？"

    runner.choose(0)
    (line,) = runner.say_lines()
    assert line.slots == ("order.id", "refund.amount", "refund.eta")
    assert line.text == "订单【order.id】的退款【refund.amount】预计【refund.eta】到账，{以银行为准}。"
    runner.set_context({"order.id": "A1001", "refund.amount": "¥99", "refund.eta": "周五"})
    assert runner.say_lines()[0].text == "订单A1001的退款¥99预计周五到账，{以银行为准}。"
    assert [item.text for item in runner.do_items()] == ["在工单【ticket.id】里记录"]
    assert runner.context == {"order.id": "A1001", "refund.amount": "¥99", "refund.eta": "周五"}


def test_the_context_is_a_snapshot() -> None:
    context = {"customer.name": "王女士"}
    runner = ScriptRunner(SCRIPT, context)
    context["customer.name"] = "张先生"
    assert runner.say_lines()[0].text.startswith("王女士")


def test_languages() -> None:
    runner = ScriptRunner(SCRIPT, {"customer.name": "Ms Wang"}, lang="en")
    assert runner.say_lines()[0].text == "Hello Ms Wang, this is 【agent.name】."
    runner.set_lang("zh-Hant")
    assert runner.title() == "問候並確認身份"
    assert runner.branch_labels() == ["身份無誤", "客戶要求找主管"]
    with pytest.raises(RunnerError, match="unknown language 'fr'"):
        runner.set_lang("fr")
    assert runner.lang == "zh-Hant"
    with pytest.raises(RunnerError):
        ScriptRunner(SCRIPT, lang="zh")


@pytest.mark.parametrize(("moves", "move", "message"), [
    ((), lambda r: r.back(), "step 'greet' is where the script starts; there is no step before it"),
    ((), lambda r: r.advance(), "step 'greet' has branches; choose one"),
    ((), lambda r: r.choose(2), "step 'greet' has 2 branches; there is no branch 2"),
    ((), lambda r: r.choose(-1), "step 'greet' has 2 branches; there is no branch -1"),
    ((0,), lambda r: r.choose(0), "step 'explain' has no branches to choose from; use advance()"),
    ((1,), lambda r: r.advance(), "step 'escalate' is an end step; there is nowhere to go on to"),
    ((1,), lambda r: r.choose(0), "step 'escalate' has no branches to choose from; it is an end step"),
])
def test_wrong_moves_are_refused_and_change_nothing(moves: tuple[int, ...],
                                                    move: Callable[[ScriptRunner], object],
                                                    message: str) -> None:
    runner = ScriptRunner(SCRIPT)
    for branch in moves:
        runner.choose(branch)
    before = state(runner)
    with pytest.raises(RunnerError) as caught:
        move(runner)
    assert str(caught.value) == message
    assert state(runner) == before


def test_a_broken_target_is_refused_without_moving() -> None:
    greet = SCRIPT.step("greet")
    broken = dataclasses.replace(greet, branches=(greet.branches[0], dataclasses.replace(
        greet.branches[1], next="nowhere")))
    script = dataclasses.replace(SCRIPT, steps=(broken, *SCRIPT.steps[1:]))
    runner = ScriptRunner(script)
    with pytest.raises(RunnerError, match="branch 1 leads to step 'nowhere', which does not exist"):
        runner.choose(1)
    assert runner.path == ("greet",)
    with pytest.raises(RunnerError, match="start step 'nowhere' does not exist"):
        ScriptRunner(dataclasses.replace(SCRIPT, start="nowhere"))


def _steps_to_an_end(script: Script) -> dict[str, int]:
    distance = {step.id: 0 for step in script.steps if step.end}
    while True:
        closer = {step.id: 1 + min(distance[t] for t in step.targets() if t in distance)
                  for step in script.steps
                  if step.id not in distance and any(t in distance for t in step.targets())}
        if not closer:
            return distance
        distance |= closer


@pytest.mark.parametrize("script", builtin_scripts(), ids=lambda s: s.id)
def test_every_builtin_script_can_be_walked_to_an_end(script: Script) -> None:
    distance = _steps_to_an_end(script)
    runner = ScriptRunner(script, lang="en")
    while not runner.at_end:
        assert runner.say_lines() or runner.do_items()
        branches = runner.current.branches
        if branches:
            runner.choose(min(range(len(branches)), key=lambda i: distance[branches[i].next]))
        else:
            runner.advance()
    assert len(runner.path) == distance[script.start] + 1
