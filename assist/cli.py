"""The `assist` command. Thin: parses arguments, calls the core, prints. Errors: one line, non-zero."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from assist import __version__
from assist.cli_kb import EDIT_COMMANDS
from assist.settings import UI_LANGUAGES
from assist.team.errors import TeamError
from knowledge.languages import LANGS


class CommandError(Exception):
    """An error the user can act on; printed as one line without a traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"assist: {message} (see assist --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assist", description="Agent Assist: the call-center sidebar.")
    parser.add_argument("--version", action="version", version=f"assist {__version__}")
    parser.add_argument("--data-dir", help="where the local store lives (default: the platform's "
                        "user data folder, or ASSIST_DATA_DIR)")
    parser.add_argument("--db", help="database URL instead of the embedded store (ASSIST_DB_URL)")
    parser.add_argument("--screenshot", metavar="FILE", help="render the sidebar offscreen into a "
                        "PNG and exit")
    parser.add_argument("--state", default="", help="with --screenshot: search:QUERY (typed, first "
                        "result open) or script:ID (the script open at its first step)")
    parser.add_argument("--scale", type=float, help="with --screenshot: display scale, e.g. 1.5")
    parser.add_argument("--lang", choices=UI_LANGUAGES,
                        help="UI language for this run (default: the settings, else the system's)")
    parser.add_argument("--theme", choices=("light", "dark"), help="light or dark for this run")
    parser.add_argument("--query", help="open the sidebar with this search typed (a running sidebar "
                        "comes forward and takes it)")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    editor = commands.add_parser("editor", help="the knowledge editor: drafts, review, history, what "
                                 "agents could not find")
    editor.add_argument("--as", dest="user", help="your name (default: the agent_name setting, else your "
                        "login name)")
    editor.add_argument("--role", choices=("editor", "reviewer"), help="default: the knowledge_role "
                        "setting (a reviewer also approves and rolls back); a reviewer may work as an editor")

    kb = commands.add_parser("kb", help="the knowledge base")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, parser_class=_Parser)
    kb_import = kb_commands.add_parser("import", help="import FAQ entries (upsert by id; "
                                       "all-or-nothing per file)")
    kb_import.add_argument("files", nargs="+", metavar="FILE")
    kb_export = kb_commands.add_parser("export", help="export every entry (format from the "
                                       "extension)")
    kb_export.add_argument("file", metavar="FILE")
    kb_commands.add_parser("reindex", help="rebuild the search index from the store")
    from assist.cli_kb import add_commands

    add_commands(kb_commands)

    search = commands.add_parser("search", help="search FAQ entries and scripts")
    search.add_argument("query", nargs="?", help="what an agent would type")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.add_argument("--batch", action="store_true", help="one query per stdin line, one JSON "
                        "array per stdout line")

    scripts = commands.add_parser("scripts", help="scenario scripts")
    script_commands = scripts.add_subparsers(dest="scripts_command", required=True,
                                             parser_class=_Parser)
    script_commands.add_parser("list", help="the scripts in the store")
    script_show = script_commands.add_parser("show", help="print a script's steps")
    script_show.add_argument("script_id", metavar="ID")
    script_show.add_argument("--lang", default="zh-Hans", choices=LANGS)
    script_validate = script_commands.add_parser("validate", help="check script YAML files; one "
                                                 "line per problem")
    script_validate.add_argument("files", nargs="+", metavar="FILE")

    pack = commands.add_parser("pack", help="signed script packs: build, sign, verify, install")
    pack_commands = pack.add_subparsers(dest="pack_command", required=True, parser_class=_Parser)
    keygen = pack_commands.add_parser("keygen", help="create a signing key (private key kept in the "
                                      "OS keyring) and export its public key")
    keygen.add_argument("name", metavar="NAME")
    keygen.add_argument("-o", "--output", metavar="FILE", help="public key file (default: NAME.pub)")
    build = pack_commands.add_parser("build", help="check a pack folder and write the pack")
    build.add_argument("source", metavar="DIR")
    build.add_argument("-o", "--output", metavar="FILE", required=True)
    build.add_argument("--key", metavar="NAME", help="sign it too, with this key")
    sign = pack_commands.add_parser("sign", help="sign a pack with a key from the keyring")
    sign.add_argument("file", metavar="FILE")
    sign.add_argument("--key", metavar="NAME", required=True)
    verify = pack_commands.add_parser("verify", help="check a pack as an install would, change nothing")
    verify.add_argument("file", metavar="FILE")
    trust = pack_commands.add_parser("trust", help="accept packs signed by this public key (with --team: "
                                     "the team's sidebars accept them)")
    trust.add_argument("file", metavar="PUBKEY_FILE")
    trust.add_argument("--team", help="(lead) trust it for a whole team on the team server")
    install = pack_commands.add_parser("install", help="verify and install a pack")
    install.add_argument("file", metavar="FILE")
    install.add_argument("--allow-downgrade", action="store_true",
                         help="install a version older than the installed one")
    pack_list = pack_commands.add_parser("list", help="installed packs")
    pack_list.add_argument("--json", action="store_true")
    rollback = pack_commands.add_parser("rollback", help="return to the previously installed version (with "
                                        "--team: withdraw the newest release from a team's sidebars)")
    rollback.add_argument("name", metavar="NAME")
    rollback.add_argument("--team", help="(lead) roll back on every sidebar of a team")
    uninstall = pack_commands.add_parser("uninstall", help="remove a pack; what it replaced comes back")
    uninstall.add_argument("name", metavar="NAME")

    usage = commands.add_parser("usage", help="what agents opened, copied and searched for in vain "
                                "(the local usage log)")
    usage.add_argument("--days", type=int, default=30, help="how far back to look (default 30)")
    usage.add_argument("--limit", type=int, default=20, help="rows per list (default 20)")
    usage.add_argument("--json", action="store_true", help="print the report as JSON")
    usage_commands = usage.add_subparsers(dest="usage_command", parser_class=_Parser)
    usage_prune = usage_commands.add_parser("prune", help="delete events older than --keep-days")
    usage_prune.add_argument("--keep-days", type=int, default=180, help="default 180")

    bench = commands.add_parser("bench", help="benchmarks")
    bench_commands = bench.add_subparsers(dest="bench_command", required=True, parser_class=_Parser)
    bench_search = bench_commands.add_parser("search", help="search latency against a full "
                                             "rapidfuzz scan, same run")
    bench_search.add_argument("--entries", type=int, default=100_000)
    bench_search.add_argument("--queries", type=int, default=200,
                              help="queries per kind for our engine")
    bench_search.add_argument("--baseline-queries", type=int, default=20,
                              help="queries per kind for the (slow) baseline")
    bench_search.add_argument("--json", action="store_true")
    bench_packs = bench_commands.add_parser("packs", help="verify, install and roll back a pack of 500 "
                                            "scripts and 5,000 FAQ entries")
    bench_packs.add_argument("--scripts", type=int, default=500)
    bench_packs.add_argument("--entries", type=int, default=5000)
    bench_packs.add_argument("--json", action="store_true")
    bench_ui = bench_commands.add_parser("ui", help="the real sidebar offscreen: start to a usable "
                                         "search box, keystroke to painted results, memory")
    bench_ui.add_argument("--entries", type=int, default=0,
                          help="synthetic FAQ entries (default 0: the demo content)")
    bench_ui.add_argument("--json", action="store_true")
    bench_publish = bench_commands.add_parser("publish", help="a reviewer's approval to agents finding the "
                                              "new text, at N entries")
    bench_publish.add_argument("--entries", type=int, default=100_000)
    bench_publish.add_argument("--json", action="store_true")
    bench_relevance = bench_commands.add_parser("relevance", help="top-1/top-5/MRR@10 per query "
                                                "kind against two baselines")
    bench_relevance.add_argument("--set", dest="query_set", default="all",
                                 help="demo, heldout or all (default)")
    bench_relevance.add_argument("--json", action="store_true")

    from assist import cli_calls

    cli_calls.add_commands(commands, _Parser)
    cli_calls.bench_command(bench_commands)
    from assist import cli_team

    cli_team.add_commands(commands, _Parser)
    cli_team.add_pack_commands(pack_commands)
    cli_team.bench_command(bench_commands)
    return parser


# Contexts a command opened, closed when it ends: a store left open keeps its WAL file around.
_opened: list[Any] = []


def _context(args: argparse.Namespace) -> Any:
    from assist.context import AppContext, chosen_db_url
    from assist.paths import data_dir

    # One context per command, however many of its parts ask for it.
    if getattr(args, "_context", None) is not None:
        return args._context
    context = AppContext.open(data_dir(args.data_dir), db_url=chosen_db_url(args.db),
                              progress=_build_progress)
    _opened.append(context)
    args._context = context
    return context


def _build_progress(done: int) -> None:
    print(f"assist: indexing… {done:,} entries", file=sys.stderr, flush=True)


def _kb_import(args: argparse.Namespace) -> int:
    from knowledge.importing import ImportFileError, read_entries

    context = _context(args)
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            entries = read_entries(path)
        except ImportFileError as error:
            print(f"assist: {error}", file=sys.stderr)
            failed += 1
            continue

        def progress(done: int, total: int, path: Path = path) -> None:
            print(f"assist: {path}: {done:,}/{total:,} entries", file=sys.stderr, flush=True)

        result = context.editing_store().upsert(entries, progress=progress if len(entries) > 5000 else None,
                                      same_content_keeps_origin=True)
        print(f"{path}: {result.created} created, {result.updated} updated, "
              f"{result.unchanged} unchanged")
    context.search.refresh()
    if failed:
        raise CommandError(f"{failed} of {len(args.files)} file(s) not imported; nothing from "
                           "them was stored")
    return 0


def _kb_export(args: argparse.Namespace) -> int:
    from knowledge.exporting import ExportError, export_entries

    context = _context(args)
    entries = context.store.entries()
    try:
        export_entries(entries, Path(args.file))
    except ExportError as error:
        raise CommandError(str(error)) from None
    print(f"{args.file}: {len(entries)} entries")
    return 0


def _search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    if args.batch == (args.query is not None):
        raise CommandError("give a QUERY or --batch (queries on stdin), not both")
    context = _context(args)
    if context.search.synonym_problem:
        print(f"assist: warning: {context.search.synonym_problem}", file=sys.stderr)
    if args.batch:
        for line in sys.stdin:
            hits = context.search.search(line.rstrip("\r\n"), limit=args.limit)
            print(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False), flush=True)
        return 0
    hits = context.search.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("no results")
    for rank, hit in enumerate(hits, 1):
        print(f"{rank:>2}. [{hit.kind}] {hit.title}  ({hit.score:.1f}, {hit.doc_id})")
        if hit.snippet:
            print(f"    {hit.snippet}")
    return 0


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _print_result(result: dict[str, Any], as_json: bool) -> int:
    print(json.dumps(result) if as_json else json.dumps(result, indent=1))
    return 0


def _bench(args: argparse.Namespace) -> int:
    if args.bench_command == "team":
        return _calls_cli("bench_team", module="cli_team")(args)
    if args.bench_command == "search":
        from knowledge.bench.latency import run_latency_benchmark

        if args.entries < 10:
            raise CommandError("--entries must be at least 10")
        result = run_latency_benchmark(args.entries, queries_per_kind=args.queries,
                                       baseline_queries_per_kind=args.baseline_queries,
                                       log=_progress)
        return _print_result(result, args.json)
    if args.bench_command == "packs":
        from scripts_lib.packs.bench import run_pack_benchmark

        if args.scripts < 1 or args.entries < 1:
            raise CommandError("--scripts and --entries must be at least 1")
        result = run_pack_benchmark(args.scripts, args.entries, __version__, log=_progress)
        return _print_result(result, args.json)
    if args.bench_command == "publish":
        from knowledge.bench.publish import run_publish_benchmark

        if args.entries < 10:
            raise CommandError("--entries must be at least 10")
        return _print_result(run_publish_benchmark(args.entries, log=_progress), args.json)
    if args.bench_command == "screenpop":
        from assist.cli_calls import bench_screenpop

        return bench_screenpop(args)
    if args.bench_command == "ui":
        from assist.ui.bench import run_ui_benchmark

        if args.entries < 0:
            raise CommandError("--entries must be 0 (the demo content) or more")
        return _print_result(run_ui_benchmark(args.entries, log=_progress), args.json)
    from knowledge.bench.relevance import format_table, run_relevance

    report = run_relevance(args.query_set)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_table(report))
    return 0


def _scripts(args: argparse.Namespace) -> int:
    from scripts_lib.loading import load_scripts
    from scripts_lib.outline import outline
    from scripts_lib.problems import ScriptError
    from scripts_lib.storage import published_script, script_from_record

    if args.scripts_command == "validate":
        try:
            scripts = load_scripts(args.files, full_names=True)
        except ScriptError as error:
            for problem in error.problems:
                print(f"assist: {problem}", file=sys.stderr)
            raise CommandError(f"{len(error.problems)} problem(s) in {len(args.files)} file(s)"
                               ) from None
        print(f"{len(scripts)} script(s) valid")
        return 0

    context = _context(args)
    if args.scripts_command == "list":
        for record in context.store.scripts():
            listed = script_from_record(record)
            print(f"{listed.id:<32} {record.origin:<12} {len(listed.steps):>2} steps  "
                  f"{listed.title.get('zh-Hans')}")
        return 0
    script = published_script(context.store, args.script_id)
    if script is None:
        raise CommandError(f"no script {args.script_id!r} (assist scripts list shows them)")
    print(script.title.get(args.lang))
    for view in outline(script, args.lang):
        step = view.step
        marks = (" [escalation]" if step.escalation else "") + (" [end]" if step.end else "")
        print(f"\n[{step.id}] {view.title}{marks}")
        print("".join(f"  > {line.text}\n" for line in view.say), end="")
        print("".join(f"  - {item.text}\n" for item in view.do), end="")
        for label, branch in zip(view.branch_labels, step.branches, strict=True):
            print(f"  ? {label} -> {branch.next}")
        if step.next:
            print(f"  -> {step.next}")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from scripts_lib import packs

    if args.pack_command in ("publish", "promote", "releases") or getattr(args, "team", None):
        return _calls_cli("pack_team_command", module="cli_team")(args)

    try:
        return _pack_command(args)
    except packs.PackError as error:
        subject = getattr(args, "file", None) or getattr(args, "source", None)
        raise CommandError(f"{Path(subject).name}: {error}" if subject else str(error)) from None


def _pack_command(args: argparse.Namespace) -> int:
    from scripts_lib import packs

    command = args.pack_command
    if command == "keygen":
        output = Path(args.output or f"{args.name}.pub")
        if output.exists():
            raise CommandError(f"{output} already exists; choose another file with -o")
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a folder; choose another file with -o")
        key = packs.generate_key(args.name)
        try:
            output.write_text(key.to_openssh(), encoding="ascii")
        except OSError as error:
            # Without its public half the key is useless and its name taken: give the name back.
            packs.delete_key(args.name)
            raise CommandError(f"cannot write {output}: {error.strerror or error}; no key was kept") from None
        print(f"key '{args.name}' created ({packs.short(key.fingerprint)}): private key in the OS keyring, "
              f"public key in {output}")
        return 0
    if command == "build":
        # The key first: a missing key should not wait for a large pack to be checked.
        signing_key = packs.private_key(args.key) if args.key else None
        manifest, content = packs.build_pack(Path(args.source), Path(args.output), __version__, signing_key)
        _print_warnings(content.warnings)
        signed = f"signed with '{args.key}'" if args.key else \
            f"unsigned: assist pack sign {args.output} --key NAME"
        print(f"built {args.output}: {manifest.name} {manifest.version}, {len(content.scripts)} script(s), "
              f"{_entries(len(content.entries))} ({signed})")
        return 0
    if command == "sign":
        manifest = packs.sign_pack(Path(args.file), packs.private_key(args.key), __version__)
        print(f"signed {args.file} ({manifest.name} {manifest.version}) with '{args.key}'")
        return 0
    context = _context(args)
    store = context.store
    if command == "trust":
        key = packs.read_public_key(Path(args.file))
        added = packs.trust_key(store, key)
        print(f"{'trusted' if added else 'already trusted'}: '{key.name}' ({packs.short(key.fingerprint)})")
        return 0
    if command in ("verify", "install"):
        pack = packs.verify_pack(Path(args.file), packs.trusted_keys(store), __version__)
        _print_warnings(pack.content.warnings)
        summary = (f"{pack.manifest.name} {pack.manifest.version}, {len(pack.scripts)} script(s), "
                   f"{_entries(len(pack.entries))}, signed by '{pack.signer.name}'")
        if command == "verify":
            print(f"{args.file}: OK: {summary}")
            return 0
        change = packs.install_pack(store, pack, allow_downgrade=args.allow_downgrade)
        if not change.changed:
            print(f"{change.name} {change.version} is already installed; nothing changed")
        else:
            replaced = f", replacing {change.replaced} (assist pack rollback {change.name} returns to it)" \
                if change.replaced else ""
            print(f"installed {summary}{replaced}")
            if change.taken_back:
                print(f"note: {change.taken_back} item(s) changed here or by another pack since the last "
                      f"version were replaced; `assist pack uninstall {change.name}` brings them back")
        return 0
    if command == "list":
        installed = packs.installed_packs(store)
        if args.json:
            print(json.dumps([{"name": p.name, "version": p.version, "title": p.title, "author": p.author,
                               "signer": p.signer, "installed_at": p.installed_at.isoformat(),
                               "scripts": p.scripts, "entries": p.entries, "previous": p.previous}
                              for p in installed], ensure_ascii=False, indent=1))
        elif not installed:
            print("no packs installed")
        for p in [] if args.json else installed:
            previous = f", previous {p.previous}" if p.previous else ""
            print(f"{p.name:<24} {p.version:<10} {p.scripts:>4} scripts {p.entries:>6} entries  "
                  f"{p.title} (by {p.author}, {p.signer}{previous})")
        return 0
    if command == "rollback":
        change = packs.rollback_pack(store, args.name)
        print(f"rolled {change.name} back from {change.replaced} to {change.version}")
        return 0
    change = packs.uninstall_pack(store, args.name)
    print(f"uninstalled {change.name} {change.replaced}")
    return 0


def _usage(args: argparse.Namespace) -> int:
    from knowledge.usage import UsageLog, UsageLogError
    from scripts_lib.model import script_id_of
    from scripts_lib.storage import script_from_record

    if args.usage_command == "prune" and args.keep_days < 0:
        raise CommandError("--keep-days cannot be negative")
    if args.usage_command is None and (args.days < 1 or args.limit < 1):
        raise CommandError("--days and --limit must be at least 1")
    store = _context(args).store

    def script_title(doc_id: str) -> str | None:
        # The sidebar logs a script by its search hit id ("script:<id>.<lang>"); a bare id is zh-Hans.
        script_id, lang = script_id_of(doc_id) or (doc_id, "zh-Hans")
        record = store.script(script_id)
        return script_from_record(record).title.get(lang) if record is not None else None

    log = UsageLog(store, script_title=script_title)
    try:
        if args.usage_command == "prune":
            print(f"deleted {log.prune(args.keep_days)} usage event(s) older than {args.keep_days} days")
            return 0
        report = log.report(days=args.days, limit=args.limit)
    except UsageLogError as error:
        raise CommandError(str(error)) from None
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
        return 0
    totals = report.totals
    print(f"last {report.days} days (since {report.since:%Y-%m-%d %H:%M} UTC): {totals.opened} opened, "
          f"{totals.copied} copied, {totals.missed} missed searches")
    for heading, docs in (("most opened", report.opened), ("most copied", report.copied)):
        print(f"\n{heading}:")
        if not docs:
            print("  (none)")
        for doc in docs:
            parts = f"  [{', '.join(f'{p} {n}' for p, n in doc.parts.items())}]" if doc.parts else ""
            title = doc.title if doc.title is not None else "(no longer in the store)"
            print(f"  {doc.count:>5}  {doc.kind:<6} {title}  ({doc.doc_id}){parts}")
    print("\nsearches that opened nothing:")
    if not report.missed:
        print("  (none)")
    for miss in report.missed:
        print(f"  {miss.count:>5}  {miss.query}")
    return 0


def _entries(count: int) -> str:
    return f"{count} FAQ entr{'y' if count == 1 else 'ies'}"


def _print_warnings(warnings: Sequence[str]) -> None:
    for warning in warnings[:20]:
        print(f"assist: warning: {warning}", file=sys.stderr)
    if len(warnings) > 20:
        print(f"assist: … and {len(warnings) - 20} more warnings", file=sys.stderr)


def _calls_cli(name: str, module: str = "cli_calls") -> Callable[[argparse.Namespace], int]:
    """A handler that lives in a command module of its own, imported when it runs."""
    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(f"assist.{module}"), name)(args))

    return run


def _open_sidebar(args: argparse.Namespace) -> int:
    from assist.app import run_sidebar

    return run_sidebar(args)


def main(argv: Sequence[str] | None = None) -> int:
    from assist.cli_calls import CallUrlError, call_arguments_from_url, is_call_url

    arguments = list(sys.argv[1:] if argv is None else argv)
    urls = [index for index, argument in enumerate(arguments) if is_call_url(argument)]
    if urls:
        # Opened as the assist: URL handler (a softphone popping the caller's card): the `call` command.
        try:
            if len(urls) > 1:
                raise CallUrlError("give one assist:// URL at a time")
            index = urls[0]
            arguments[index:index + 1] = call_arguments_from_url(arguments[index])
        except CallUrlError as error:
            print(f"assist: {error}", file=sys.stderr)
            return 2
    args = _parser().parse_args(arguments)
    kb_edit = _calls_cli("kb_edit_command", module="cli_kb")
    handlers = {"kb": {"import": _kb_import, "export": _kb_export, "reindex": _kb_reindex,
                       **dict.fromkeys(EDIT_COMMANDS, kb_edit)}.get(getattr(args, "kb_command", "")),
                "search": _search, "bench": _bench, "scripts": _scripts, "pack": _pack, "usage": _usage,
                "customers": _calls_cli("customers_command"), "call": _calls_cli("call_command"),
                "calls": _calls_cli("calls_command"), "editor": _calls_cli("run_editor", module="app"),
                "team": _calls_cli("team_command", module="cli_team"),
                None: _open_sidebar}
    handler = handlers[args.command]
    assert handler is not None
    try:
        return handler(args)
    except (CommandError, TeamError) as error:
        # TeamError: the team server away or refusing (an editing command while following one).
        print(f"assist: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("assist: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (assist search ... | head); nothing left to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("ASSIST_DEBUG"):
            raise
        print(f"assist: {type(error).__name__}: {error} (ASSIST_DEBUG=1 shows details)",
              file=sys.stderr)
        return 1
    finally:
        while _opened:
            _opened.pop().close()


def _kb_reindex(args: argparse.Namespace) -> int:
    context = _context(args)
    context.search.rebuild()
    print(f"indexed {len(context.search.engine.index)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
