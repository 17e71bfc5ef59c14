"""`assist customers`, `assist call`, `assist calls`, `assist bench screenpop`: parsing and printing only."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from assist.telephony.events import CALL_EVENTS

NO_SIDEBAR_EXIT = 3


def add_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    customers = commands.add_parser("customers", help="customer history for the caller card")
    customer_commands = customers.add_subparsers(dest="customers_command", required=True,
                                                 parser_class=parser_class)
    customers_import = customer_commands.add_parser(
        "import", help="import customers from jsonl (one per line, with orders, tickets and calls; "
        "all-or-nothing per file; docs/customers-format.md)")
    customers_import.add_argument("files", nargs="+", metavar="FILE")
    show = customer_commands.add_parser("show", help="the card for a phone number, written any way")
    show.add_argument("number", metavar="NUMBER")
    show.add_argument("--json", action="store_true")
    show.add_argument("--full-number", action="store_true", help="print the whole number, not the last "
                      "four digits")

    call = commands.add_parser("call", help="tell the running sidebar about a call (for softphones that "
                               "run a command on a call)")
    call.add_argument("event", choices=CALL_EVENTS)
    call.add_argument("--number", help="the caller's number in any form, or a SIP URI (default: "
                      "SIP_FROM_USER, as Twinkle sets it)")
    call.add_argument("--name", default=None, help="the caller's display name")
    call.add_argument("--call-id", default=None, help="the call's id (default: SIP_CALL_ID)")

    calls = commands.add_parser("calls", help="call events without the window")
    call_commands = calls.add_subparsers(dest="calls_command", required=True, parser_class=parser_class)
    watch = call_commands.add_parser("watch", help="print one line per call event, with the caller's "
                                     "customer id and suggested scripts")
    watch.add_argument("--softphone", metavar="URL", help="baresip://HOST:PORT (baresip's ctrl_tcp)")
    watch.add_argument("--http", metavar="PORT", type=int, help="listen for HTTP call events on "
                       "127.0.0.1:PORT (token: assist calls token)")
    watch.add_argument("--json", action="store_true", help="one JSON object per line")
    watch.add_argument("--count", type=int, default=0, help="stop after this many events (default: "
                       "run until interrupted)")
    token = call_commands.add_parser("token", help="the token HTTP call events must carry, and the URL")
    token.add_argument("--new", action="store_true", help="replace it (every softphone URL must change)")


def bench_command(bench_commands: Any) -> None:
    screenpop = bench_commands.add_parser("screenpop", help="call event to card data ready and to card "
                                          "painted, against N generated customers")
    screenpop.add_argument("--customers", type=int, default=100_000)
    screenpop.add_argument("--events", type=int, default=300, help="calls measured (default 300)")
    screenpop.add_argument("--json", action="store_true")
    screenpop.add_argument("--keep", metavar="DIR", help="generate into (or reuse) this folder instead of "
                           "a temporary one")


def _cli() -> Any:
    """The running `assist.cli` module. Under `python -m assist.cli` that is `__main__`: importing
    assist.cli would load a second copy, whose CommandError main() does not catch."""
    running = sys.modules.get("__main__")
    if running is not None and getattr(running, "_calls_cli", None) is not None:
        return running
    from assist import cli

    return cli


def _region(args: argparse.Namespace) -> str:
    from assist.customers.phones import region_ok
    from assist.settings import Settings

    region = str(Settings.load().get("phone_region")).upper()
    if not region_ok(region):
        raise _cli().CommandError(f"phone_region {region!r} in the settings is not a region code like CN")
    return region


def customers_command(args: argparse.Namespace) -> int:
    from assist.customers.importing import CustomerImportError, read_customer_file
    from assist.customers.store import CustomerStoreError

    cli = _cli()
    context = cli._context(args)
    if args.customers_command == "import":
        region = _region(args)
        failed = 0
        for name in args.files:
            try:
                histories = read_customer_file(Path(name), region)
                summary = context.customers.import_histories(histories)
            except (CustomerImportError, CustomerStoreError) as error:
                print(f"assist: {error}" if isinstance(error, CustomerImportError)
                      else f"assist: {name}: {error}", file=sys.stderr)
                failed += 1
                continue
            print(f"{name}: {summary.added} added, {summary.replaced} replaced"
                  + (f"; the {summary.removed_demo} demo customers were taken out" if summary.removed_demo
                     else ""))
        if failed:
            raise cli.CommandError(f"{failed} of {len(args.files)} file(s) not imported; nothing from "
                                   "them was stored")
        return 0
    from assist.customers.lookup import CardLookupService
    from assist.customers.phones import is_withheld

    if is_withheld(args.number):
        raise cli.CommandError("that is not a number (withheld or empty)")
    service = CardLookupService(context.customers, context.script_triggers(), region=_region(args))
    lookup = service.lookup(args.number)
    if lookup.number_problem:
        raise cli.CommandError(f"{lookup.number_problem}")
    document = card_json(lookup.card, full_number=args.full_number)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=1))
    else:
        print(_card_text(document))
    return 0


def card_json(card: Any, full_number: bool = False) -> dict[str, Any]:
    from assist.customers.card import money
    from assist.customers.phones import masked

    def when(moment: datetime | None) -> str | None:
        return None if moment is None else moment.astimezone().isoformat(timespec="minutes")

    return {
        "customer_id": card.customer_id or None,
        "name": card.name or None,
        "address_as": card.address_as or None,
        "number": (card.number if full_number else masked(card.number)) if card.number else None,
        "tier": card.tier or None, "age": card.age, "language": card.language or None,
        "flags": list(card.flags), "notes": card.notes or None,
        "orders": [{"id": order.id, "placed": when(order.placed), "status": order.status,
                    "items": [name for name, _qty in order.items], "amount": money(order.amount_fen, "en"),
                    "logistics": (order.logistics or {}).get("state"),
                    "refund": (order.refund or {}).get("status")} for order in card.orders],
        "open_tickets": [{"id": ticket.id, "type": ticket.type, "status": ticket.status,
                          "summary": ticket.summary, "due": when(ticket.due),
                          "overdue": bool(ticket.due and card.as_of and ticket.due < card.as_of)}
                         for ticket in card.open_tickets],
        "calls": [{"at": when(call.at), "agent": call.agent, "outcome": call.outcome,
                   "scripts": list(call.scripts)} for call in card.calls],
        "promises": [{"promise": call.promise, "due": when(call.promise_due), "made": when(call.at)}
                     for call in card.promises],
        "suggested": list(card.suggested_scripts),
    }


def _card_text(document: dict[str, Any]) -> str:
    if document["customer_id"] is None:
        return f"no customer has the number {document['number'] or '(none)'}"
    lines = [f"{document['name']} ({document['customer_id']}) · {document['tier']} · {document['number']}",
             "flags: " + (", ".join(document["flags"]) or "none")]
    lines += [f"order {o['id']}: {o['status']} {o['amount']} {', '.join(o['items'])}"
              for o in document["orders"]]
    lines += [f"open {t['type']} ticket {t['id']}: {t['summary']} (due {t['due'] or '-'})"
              for t in document["open_tickets"]]
    lines += [f"promise: {p['promise']} (due {p['due'] or '-'})" for p in document["promises"]]
    lines.append("suggested scripts: " + (", ".join(document["suggested"]) or "none"))
    return "\n".join(lines)


def call_command(args: argparse.Namespace) -> int:
    """Hand a call event to the running sidebar over its local socket; exit 3 when none runs."""
    from assist.paths import data_dir
    from assist.settings import Settings
    from assist.telephony.events import CallEventError, make_event

    number = args.number if args.number is not None else os.environ.get("SIP_FROM_USER")
    call_id = args.call_id if args.call_id is not None else os.environ.get("SIP_CALL_ID")
    try:
        make_event(args.event, number, "hook", args.name, call_id)  # refuse here what the sidebar would
    except CallEventError as error:
        raise _cli().CommandError(str(error)) from None
    payload = json.dumps({"event": args.event, "number": number, "name": args.name, "call_id": call_id},
                         ensure_ascii=False)
    from PySide6.QtCore import QCoreApplication

    from assist.ui.single_instance import SingleInstance, instance_key

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    folder = data_dir(args.data_dir, configured=str(Settings.load().get("data_dir")))
    instance = SingleInstance(instance_key(folder))
    if instance.forward([CALL_EVENT_ARGUMENT, payload], timeout_ms=800):
        return 0
    del app
    print(f"assist: no sidebar is running for {folder}; start it with: assist", file=sys.stderr)
    return NO_SIDEBAR_EXIT


CALL_EVENT_ARGUMENT = "--call-event"

# What a softphone opens to pop the caller's card: assist://call?number=...&name=...&call_id=...&event=...
URL_SCHEME = "assist"
MAX_URL = 2000
_URL_FIELDS = ("number", "name", "call_id", "event", "withheld")


class CallUrlError(ValueError):
    """An assist: URL that is not a call this program handles; the message is one line, safe to print
    (it never repeats the URL, which the sender chose)."""


def is_call_url(argument: str) -> bool:
    """Whether a command-line argument is an assist: URL (as a desktop URL handler passes it)."""
    return argument[:len(URL_SCHEME) + 1].lower() == f"{URL_SCHEME}:"


def call_arguments_from_url(url: str) -> list[str]:
    """The `assist call` arguments an `assist://call?...` URL stands for, or CallUrlError saying why not.

    Accepted: `assist://call?...`, `assist://call/?...` and `assist:call?...`, the scheme and `call` in
    any case. Fields: `number` (required, unless `withheld` is given), `name`, `call_id`, `event`
    (ringing, the default, answered or ended); others are ignored. Values are percent-decoded as UTF-8; a
    `+` stays a `+` (as in `number=+8613800138000`), a space is written `%20`.
    """
    if len(url) > MAX_URL:
        raise CallUrlError(f"the URL is longer than {MAX_URL:,} characters")
    if _has_control(url):
        raise CallUrlError("the URL holds control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise CallUrlError("the URL is not well formed") from None
    target = (parts.netloc.lower(), parts.path.lower())
    if parts.scheme.lower() != URL_SCHEME or target not in (("call", ""), ("call", "/"), ("", "call"),
                                                               ("", "call/")):
        raise CallUrlError(f"not a call URL; the only one handled is {URL_SCHEME}://call?number=...")
    fields: dict[str, str] = {}
    for pair in parts.query.split("&") if parts.query else []:
        key, _, raw = pair.partition("=")
        try:
            key, value = unquote(key, errors="strict"), unquote(raw, errors="strict")
        except UnicodeDecodeError:
            raise CallUrlError("the URL holds percent-encoded bytes that are not UTF-8") from None
        if key not in _URL_FIELDS:
            continue
        if key in fields:
            raise CallUrlError(f"{key} is given more than once in the URL")
        if _has_control(value):
            raise CallUrlError(f"the {key} in the URL holds control characters")
        fields[key] = value
    event = fields.get("event") or "ringing"
    if event not in CALL_EVENTS:
        raise CallUrlError(f"event in the URL must be one of {', '.join(CALL_EVENTS)}")
    withheld = "withheld" in fields and fields["withheld"].lower() not in ("0", "false", "no")
    number = fields.get("number", "")
    if withheld and number:
        raise CallUrlError("the URL gives a number and says it is withheld; give one of them")
    if not withheld and not number.strip():
        raise CallUrlError("the URL has no number (number=..., or withheld=1 for a withheld caller)")
    # `--option=value`: a value starting with "-" stays a value.
    arguments = ["call", event, f"--number={number}"]
    if fields.get("name"):
        arguments.append(f"--name={fields['name']}")
    if fields.get("call_id"):
        arguments.append(f"--call-id={fields['call_id']}")
    return arguments


def _has_control(text: str) -> bool:
    # Newlines, tabs, escapes: nothing a number, name or call id needs (format characters such as bidi
    # overrides are taken out later, as for every call event).
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def calls_command(args: argparse.Namespace) -> int:
    from assist.paths import data_dir
    from assist.settings import Settings
    from assist.telephony.token import TokenError, call_token, new_call_token

    cli = _cli()
    folder = data_dir(args.data_dir, configured=str(Settings.load().get("data_dir")))
    if args.calls_command == "token":
        try:
            token = new_call_token(folder) if args.new else call_token(folder)
        except TokenError as error:
            raise cli.CommandError(str(error)) from None
        port = int(Settings.load().get("call_http_port")) or 17_600
        print(token)
        print(f"http://127.0.0.1:{port}/call?event=ringing&number=NUMBER&call_id=ID&token={token}",
              file=sys.stderr)
        return 0
    return _watch(args, cli, folder)


def _watch(args: argparse.Namespace, cli: Any, folder: Path) -> int:
    from assist.customers.lookup import CardLookupService
    from assist.telephony.baresip import BaresipSource, parse_softphone_url
    from assist.telephony.desk import CallDesk
    from assist.telephony.events import CallEvent
    from assist.telephony.http_source import HttpSource
    from assist.telephony.token import TokenError, call_token

    if not args.softphone and args.http is None:
        raise cli.CommandError("give --softphone baresip://HOST:PORT, --http PORT, or both")
    softphone = None
    if args.softphone:
        try:
            softphone = parse_softphone_url(args.softphone)
        except ValueError as error:
            raise cli.CommandError(str(error)) from None
    if args.http is not None and not 0 < args.http < 65536:
        raise cli.CommandError("--http takes a port from 1 to 65535")
    context = cli._context(args)
    desk = CallDesk(CardLookupService(context.customers, context.script_triggers(), region=_region(args)))
    printed = 0
    done = threading.Event()
    lock = threading.Lock()

    def deliver(event: CallEvent) -> None:
        nonlocal printed
        update = desk.handle(event)
        if update is None:
            return
        document = update.to_json()
        with lock:
            if done.is_set():
                return
            suggested = update.call.lookup.card.suggested_scripts
            try:
                print(json.dumps(document, ensure_ascii=False) if args.json else
                      f"{document['event']:<8} {document['source']:<7} customer={document['customer_id']} "
                      f"suggested={','.join(suggested) or '-'} {document['latency_ms']} ms", flush=True)
            except BrokenPipeError:  # the reader went away (assist calls watch | head -1): stop
                done.set()
                return
            printed += 1
            if args.count and printed >= args.count:
                done.set()

    sources: list[Any] = []
    try:
        if args.http is not None:
            try:
                token = call_token(folder)
            except TokenError as error:
                raise cli.CommandError(str(error)) from None
            assert token is not None
            try:
                http = HttpSource(args.http, token, deliver, desk.problems)
            except OSError as error:
                raise cli.CommandError(f"cannot listen on 127.0.0.1:{args.http}: "
                                       f"{error.strerror}") from None
            http.start()
            sources.append(http)
            print(f"assist: listening for HTTP call events on {http.url}", file=sys.stderr, flush=True)
        if softphone is not None:
            baresip = BaresipSource(*softphone, deliver=deliver, problems=desk.problems)
            baresip.start()
            sources.append(baresip)
            state = "connected" if baresip.connected.wait(3) else "not reachable yet, retrying"
            print(f"assist: following baresip at {softphone[0]}:{softphone[1]} ({state})", file=sys.stderr,
                  flush=True)
        while not done.wait(0.5):
            pass
    finally:
        for source in sources:
            source.stop()
    return 0


def bench_screenpop(args: argparse.Namespace) -> int:
    from assist.ui.screenpop_bench import run_screenpop_benchmark

    cli = _cli()
    if args.customers < 10 or args.events < 1:
        raise cli.CommandError("--customers must be at least 10 and --events at least 1")
    result = run_screenpop_benchmark(args.customers, args.events,
                                     keep=Path(args.keep) if args.keep else None, log=cli._progress)
    return int(cli._print_result(result, args.json))
