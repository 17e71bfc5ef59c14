"""`assist bench screenpop`: from a call event to the caller's card, against N generated customers.

N customers (5 orders and 1 ticket each on average, a call history for some) are generated into a fresh
SQLite customer store. Then calls ring from random customers' numbers, each written in another form
than stored (`sip:86...@host`, `0...`, `+86 ...`), and two times are taken per call, both from the moment
the event is received: until the card data is ready (number normalised, customer found, history read,
flags and suggested scripts worked out: CallDesk.handle on the controller's worker), and until the
sidebar's card has painted it (offscreen): the event goes the sidebar's own way, queued to the GUI
thread, handled on the worker, shown by CallsController on a real Sidebar, then a synchronous repaint.
A few unknown and withheld numbers are mixed in, as in real traffic.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from assist.customers.records import Customer, CustomerHistory, Interaction, Order, Ticket
from knowledge.bench.figures import percentile

GOALS = {"data_p95_ms": 20.0, "painted_p95_ms": 100.0}
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华"
_ITEMS = ("无线耳机", "电饭煲", "运动鞋", "保温杯", "空气净化器", "儿童书包", "蓝牙音箱", "羽绒服",
          "扫地机器人", "电动牙刷")
_STATUSES = ("completed", "completed", "completed", "delivered", "shipped", "refunding", "paid")
_TICKET_TYPES = ("complaint", "refund", "repair", "logistics", "other")



def stored_number(index: int) -> str:
    # 139 followed by eight digits: a valid mainland mobile for every index below 10^8.
    return f"+86139{index:08d}"


def written_forms(e164: str) -> tuple[str, ...]:
    national = e164[3:]
    return (f"sip:{e164[1:]}@10.0.0.5:5060", f"0{national}",
            f"+86 {national[:3]} {national[3:7]} {national[7:]}",
            f"{national[:3]}-{national[3:7]}-{national[7:]}")


def generate(count: int, now: datetime, seed: int = 7) -> Iterator[CustomerHistory]:
    rng = random.Random(seed)
    for index in range(count):
        customer_id = f"B{index:08d}"
        orders = []
        for number in range(rng.choice((3, 4, 5, 5, 6, 7))):
            placed = now - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1440))
            status = rng.choice(_STATUSES)
            refund = ({"status": "approved", "amount_fen": 9900, "method": "原路退回",
                       "eta": (now + timedelta(days=3)).isoformat()} if status == "refunding" else None)
            orders.append(Order(f"SO{index:09d}{number:02d}", placed, ((rng.choice(_ITEMS), 1),),
                                rng.randint(1_000, 500_000), status,
                                {"state": "in_transit", "carrier": "顺丰速运",
                                 "tracking_no": f"SF{index:010d}"}
                                if status == "shipped" else None, refund))
        tickets = []
        for number in range(rng.choice((0, 1, 1, 1, 2))):
            opened = now - timedelta(days=rng.randint(0, 60))
            open_now = rng.random() < 0.4
            tickets.append(Ticket(f"TK{index:09d}{number}", rng.choice(_TICKET_TYPES),
                                  "open" if open_now else "closed", opened, "客户反映的问题摘要",
                                  due=opened + timedelta(days=2),
                                  topic=rng.choice(("late-delivery", "quality"))))
        calls = [Interaction(now - timedelta(days=rng.randint(0, 30)), "A001", "已解答",
                             ("refund-not-received",), "三天内回电" if rng.random() < 0.3 else "",
                             now + timedelta(hours=rng.randint(-24, 72)))
                 for _ in range(rng.choice((0, 0, 1, 2)))]
        calls = [call if call.promise else Interaction(call.at, call.agent, call.outcome, call.scripts)
                 for call in calls]
        yield CustomerHistory(
            Customer(customer_id, rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN),
                     (stored_number(index),), tier=rng.choice(("basic",) * 7 + ("gold", "gold", "vip")),
                     birth_year=rng.randint(1940, 2004)),
            tuple(sorted(orders, key=lambda o: o.placed, reverse=True)), tuple(tickets), tuple(calls))


def run_screenpop_benchmark(customers: int, events: int, keep: Path | None = None,
                            log: Callable[[str], None] = lambda _line: None) -> dict[str, Any]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return _run(keep, customers, events, log)
    with tempfile.TemporaryDirectory(prefix="assist-bench-screenpop-") as work:
        return _run(Path(work), customers, events, log)


def _run(folder: Path, customers: int, events: int, log: Callable[[str], None]) -> dict[str, Any]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        # The offscreen platform says it cannot propagate size hints on every repaint: not news.
        if "propagateSizeHints" not in message and kind != QtMsgType.QtDebugMsg:
            log(message)

    qInstallMessageHandler(quiet)

    from assist.customers.lookup import CardLookupService
    from assist.customers.store import DATABASE_FILE, CustomerStore
    from assist.customers.suggest import triggers_from_script_data
    from assist.settings import Settings
    from assist.telephony.desk import CallDesk
    from assist.telephony.events import make_event
    from assist.ui.calls import CallsController
    from assist.ui.sidebar import Sidebar
    from assist.ui.waiting import wait_for_signal
    from scripts_lib.loading import builtin_scripts

    store = CustomerStore.open(folder)
    have = store.count()
    if have not in (0, customers):
        raise ValueError(f"{folder} holds {have:,} customers, not {customers:,}; use an empty folder")
    if have == 0:
        started = time.perf_counter()
        now = datetime.now(UTC)
        done = 0
        batch: list[CustomerHistory] = []
        for history in generate(customers, now):
            batch.append(history)
            if len(batch) == 50_000:
                done += store.add_new(batch)
                batch = []
                log(f"generated {done:,} of {customers:,} customers")
        done += store.add_new(batch)
        store.checkpoint()
        log(f"generated {done:,} customers in {time.perf_counter() - started:.0f} s")
    database = folder / DATABASE_FILE
    db_mb = sum(path.stat().st_size for path in folder.glob(DATABASE_FILE + "*")) / 2**20

    scripts = builtin_scripts()
    triggers = [triggers_from_script_data(script.to_json()) for script in scripts]
    desk = CallDesk(CardLookupService(store, triggers))
    app = QApplication.instance() or QApplication([])
    # The sidebar's own path: the event queued to the GUI thread, the desk on its worker, the answer
    # queued back, the card set on the real sidebar and painted.
    sidebar = Sidebar("zh_CN")
    sidebar.resize(420, 860)
    sidebar.show()
    calls = CallsController(sidebar, Settings(), folder, bring_forward=lambda: None, problem=log)
    calls.use(desk, {script.id: script.title for script in scripts})
    app.processEvents()
    shown: list[Any] = []
    calls.card_shown.connect(shown.append)
    rng = random.Random(11)
    data_ms: list[float] = []
    painted_ms: list[float] = []
    found = 0
    for call in range(events):
        roll = rng.random()
        if roll < 0.05:
            number: str | None = None
        elif roll < 0.10:
            number = f"+86 188 {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}"  # nobody's
        else:
            number = rng.choice(written_forms(stored_number(rng.randrange(customers))))
        event = make_event("ringing", number, "bench", None, f"bench-{call}")
        shown.clear()
        if not wait_for_signal(calls.card_shown, timeout_ms=10_000, action=partial(calls.deliver, event)):
            raise RuntimeError("a card did not come up within 10 s")
        sidebar.caller.repaint()
        painted = time.perf_counter()
        update = shown[0]
        data_ms.append(update.latency_ms)
        painted_ms.append((painted - event.received) * 1000)
        found += update.call.customer_id is not None
        desk.handle(make_event("ended", number, "bench", None, f"bench-{call}"))
        app.processEvents()
    calls.close()
    sidebar.close()
    store.close()
    log(f"{found} of {events} calls matched a customer; database {database}")
    return {"customers": customers, "data_p50_ms": round(statistics.median(data_ms), 2),
            "data_p95_ms": round(percentile(data_ms, 0.95), 2),
            "painted_p50_ms": round(statistics.median(painted_ms), 2),
            "painted_p95_ms": round(percentile(painted_ms, 0.95), 2), "db_mb": round(db_mb, 1)}
