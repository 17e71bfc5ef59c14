"""`assist team ...`, the team side of `assist pack ...` (publish, promote, rollback --team, releases,
trust --team) and `assist bench team`: thin, as cli.py is."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from assist import __version__
from assist.cli import CommandError, _context, _opened
from assist.team.errors import TeamError

_DB_HELP = "the team server (postgresql://USER@HOST:PORT/DB[?sslmode=require]; no password: it is " \
           "kept in the keyring by `assist team login`)"


def _db_option(parser: argparse.ArgumentParser) -> None:
    # Accepted after the command too (`assist team init --db URL`), without overriding a global --db.
    parser.add_argument("--db", default=argparse.SUPPRESS, help=_DB_HELP)


def add_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    team = commands.add_parser("team", help="a team on one server: init, users, login, sync, usage")
    team_commands = team.add_subparsers(dest="team_command", required=True, parser_class=parser_class)
    init = team_commands.add_parser("init", help="create or migrate a team database, with its roles and "
                                    "grants (run as the database's owner)")
    _db_option(init)
    user = team_commands.add_parser("user", help="team members")
    user_commands = user.add_subparsers(dest="user_command", required=True, parser_class=parser_class)
    add = user_commands.add_parser("add", help="add a person (their own server login) to a team, or "
                                   "change their role or team")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("agent", "editor", "lead", "admin"))
    add.add_argument("--team", required=True)
    add.add_argument("--password-stdin", action="store_true",
                     help="read their first password from standard input instead of asking")
    add.add_argument("--no-password", action="store_true",
                     help="no password (a server that authenticates otherwise: certificates, peer)")
    _db_option(add)
    user_list = user_commands.add_parser("list", help="the members, by team")
    user_list.add_argument("--team")
    user_list.add_argument("--json", action="store_true")
    _db_option(user_list)
    login = team_commands.add_parser("login", help="check the server, keep your password in the keyring, "
                                     "and make the sidebar follow this server")
    login.add_argument("--password-stdin", action="store_true",
                       help="read the password from standard input instead of asking")
    _db_option(login)
    logout = team_commands.add_parser("logout", help="forget the password and stop following the server")
    _db_option(logout)
    status = team_commands.add_parser("status", help="who you are on the server and how the replica "
                                      "stands")
    status.add_argument("--json", action="store_true")
    _db_option(status)
    sync = team_commands.add_parser("sync", help="one round: pull changes and pushed packs, upload "
                                    "usage")
    sync.add_argument("--json", action="store_true")
    _db_option(sync)
    usage = team_commands.add_parser("usage", help="(lead) the team's script adoption and top misses")
    usage.add_argument("--days", type=int, default=30)
    usage.add_argument("--limit", type=int, default=20)
    usage.add_argument("--json", action="store_true")
    _db_option(usage)


def add_pack_commands(pack_commands: Any) -> None:
    publish = pack_commands.add_parser("publish", help="(lead) push a signed pack to a team's sidebars")
    publish.add_argument("file", metavar="FILE")
    publish.add_argument("--team", required=True)
    _audience(publish)
    _db_option(publish)
    promote = pack_commands.add_parser("promote", help="(lead) widen a staged release: more agents, a "
                                       "larger share, or everyone (the default)")
    promote.add_argument("name", metavar="NAME")
    promote.add_argument("--team", required=True)
    _audience(promote)
    _db_option(promote)
    releases = pack_commands.add_parser("releases", help="a team's pushed packs and who gets them")
    releases.add_argument("--team", required=True)
    releases.add_argument("--json", action="store_true")
    _db_option(releases)
    # `pack trust FILE --team T` and `pack rollback NAME --team T` (cli.py's parsers) name the server
    # after the command like the rest.
    for name in ("trust", "rollback"):
        _db_option(pack_commands.choices[name])


def _audience(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agents", default="", help="comma-separated agents who get it first")
    parser.add_argument("--percent", type=int, help="the share of the team who get it (default: 100, or 0 "
                        "with --agents)")


def bench_command(bench_commands: Any) -> None:
    bench = bench_commands.add_parser("team", help="N sidebars following one server while an editor "
                                      "publishes and a lead pushes a pack")
    bench.add_argument("--clients", type=int, default=20)
    bench.add_argument("--edits", type=int, default=1000)
    bench.add_argument("--batch", type=int, default=100, help="changes per commit (1: every change its "
                       "own commit)")
    bench.add_argument("--workers", type=int, help="processes the simulated sidebars run in (default: 8)")
    bench.add_argument("--pack-entries", type=int, default=200, help="FAQ entries in the pushed pack beside "
                       "its 20 scripts (default: 200; 0: a pack of scripts only)")
    bench.add_argument("--json", action="store_true")
    _db_option(bench)


# -- helpers ---------------------------------------------------------------------------------------------

def _server_text(args: argparse.Namespace) -> str:
    from assist.context import chosen_db_url

    text = chosen_db_url(getattr(args, "db", None))
    if not text:
        raise CommandError("no team server: pass --db postgresql://USER@HOST/DB (or ASSIST_DB_URL, or "
                           "`assist team login --db URL` once)")
    return str(text)


def _url(args: argparse.Namespace, allow_sqlite: bool = False) -> Any:
    from assist.team.credentials import parse_server_url

    return parse_server_url(_server_text(args), allow_sqlite=allow_sqlite)


def _engine(args: argparse.Namespace, allow_sqlite: bool = False) -> Any:
    from assist.team.schema import connect

    engine = connect(_url(args, allow_sqlite))
    _opened.append(_Disposing(engine))
    return engine


class _Disposing:
    """An engine closed with the command's contexts (cli._opened holds things with close())."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()


def _password(from_stdin: bool, prompt: str, confirm: bool = False) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError("no terminal to ask for the password on; pass --password-stdin")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("again: ") != password:
        raise CommandError("the two passwords differ; nothing was changed")
    return password


def _server_errors(handler: Any) -> Any:
    """Every way a server can fail a command, as one line (TeamError: cli.main says it as it is)."""
    def wrapped(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from assist.team.errors import first_line
        from scripts_lib.packs.problems import PackError

        try:
            return int(handler(args))
        except PackError as error:
            subject = getattr(args, "file", None)
            raise CommandError(f"{Path(subject).name}: {error}" if subject else str(error)) from None
        except SQLAlchemyError as error:
            raise CommandError(f"the team server: {first_line(error)}") from None
    return wrapped


# -- team ------------------------------------------------------------------------------------------------

@_server_errors
def team_command(args: argparse.Namespace) -> int:
    command = args.team_command
    if command == "init":
        from assist.team.credentials import shown
        from assist.team.schema import init_database

        engine = _engine(args, allow_sqlite=True)
        for line in init_database(engine) or ["already up to date"]:
            print(line)
        print(f"team database ready: {shown(engine.url)}")
        return 0
    if command == "user":
        return _user(args)
    if command == "login":
        return _login(args)
    if command == "logout":
        from assist.settings import Settings
        from assist.team.credentials import forget_password

        url = _url(args)
        forget_password(url)
        settings = Settings.load()
        settings.set("team_server", "")
        settings.save()
        print("password forgotten; the sidebar uses this machine's own store again")
        return 0
    if command in ("status", "sync"):
        return _status_or_sync(args)
    return _team_usage(args)


def _user(args: argparse.Namespace) -> int:
    from assist.team.schema import add_member, check_name, members

    engine = _engine(args, allow_sqlite=True)
    if args.user_command == "list":
        found = members(engine, args.team)
        if args.json:
            print(json.dumps([{"name": m.name, "team": m.team, "role": m.role} for m in found], indent=1))
        for member in [] if args.json else found:
            print(f"{member.team:<20} {member.name:<24} {member.role}")
        return 0
    check_name(args.name)
    password = None
    if not args.no_password and engine.dialect.name == "postgresql":
        password = _password(args.password_stdin, f"first password for {args.name}: ", confirm=True)
        if not password:
            raise CommandError("an empty password; use --no-password for a login without one")
    member = add_member(engine, args.name, args.role, args.team, password)
    print(f"{member.name} is {member.role} in {member.team}; they run `assist team login --db "
          f"postgresql://{member.name}@HOST/DB` once")
    return 0


def _login(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError

    from assist.settings import Settings
    from assist.team.credentials import place, save_password, shown
    from assist.team.errors import first_line
    from assist.team.schema import connect, whoami

    url = _url(args)
    password = _password(args.password_stdin, f"password for {url.username} on {place(url)}: ")
    engine = connect(url.set(password=password) if password else url)
    try:
        with engine.connect() as connection:
            member = whoami(connection)
    except DBAPIError as error:
        raise CommandError(f"could not log in to {place(url)}: {first_line(error)}") from None
    finally:
        engine.dispose()
    if password:
        save_password(url, password)
    settings = Settings.load()
    settings.set("team_server", shown(url))
    settings.save()
    who = f"{member.role} in {member.team}" if member else "not a team member yet (ask an admin)"
    kept = "password kept in the system keyring" if password else "no password needed"
    print(f"logged in to {place(url)} as {url.username}: {who}; {kept}; the sidebar follows this server")
    return 0


def _follower(args: argparse.Namespace) -> tuple[Any, Any]:
    from assist.paths import data_dir
    from assist.team.replica import replica_dir
    from assist.team.sync import Follower

    url = _url(args)
    args.db = _server_text(args)
    if not replica_dir(data_dir(args.data_dir), url).exists():
        # No replica of this server yet: it is made once the server answers, so a mistyped or
        # unreachable server leaves nothing behind.
        _reach(url)
    context = _context(args)
    follower = Follower(url, context.store, __version__)
    _opened.append(follower)
    return context, follower


def _reach(url: Any) -> None:
    from sqlalchemy.exc import DBAPIError

    from assist.team.credentials import place
    from assist.team.errors import first_line
    from assist.team.schema import connect

    engine = connect(url)
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        raise CommandError(f"the team server {place(url)} cannot be reached: "
                           f"{first_line(error)}") from None
    finally:
        engine.dispose()


def _status_or_sync(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from assist.team.errors import first_line
    from assist.team.sync import OFFLINE, REFUSED, replica_digest
    from scripts_lib.packs import installed_packs

    context, follower = _follower(args)
    report = None
    reason = ""
    state = ""
    try:
        report = follower.sync_once()
    except TeamError as error:
        state, reason = REFUSED, str(error)
    except (DBAPIError, SQLAlchemyError, OSError) as error:
        state, reason = OFFLINE, f"offline: {first_line(error)}"
    if args.team_command == "sync" and report is not None and report.changed:
        context.search.refresh()
    status = follower.status
    packs = [{"name": p.name, "version": p.version} for p in installed_packs(context.store)]
    data = {"server": status.server, "state": state or status.state,
            "reason": reason, "member": None if status.member is None else
            {"name": status.member.name, "team": status.member.team, "role": status.member.role},
            "entries": context.store.count("published"), "digest": replica_digest(context.store),
            "packs": packs, "problems": list(status.problems)}
    if report is not None:
        data["pulled"] = {"entries": report.entries, "removed": report.removed, "packs": report.packs,
                          "uploaded": report.uploaded}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        who = data["member"]
        print(f"server: {status.server}"
              + (f" as {who['name']} ({who['role']} in {who['team']})" if who else ""))
        print(f"replica: {data['entries']} published entries, packs: "
              + (", ".join(f"{p['name']} {p['version']}" for p in packs) or "none"))
    if reason:
        # What the replica holds is said above; why it is not current, as every error is.
        raise CommandError(f"not synced: {reason}")
    if args.json:
        return 0
    if report is not None and args.team_command == "sync":
        print(f"pulled {report.entries} entry change(s), {report.removed} removed, uploaded "
              f"{report.uploaded} usage event(s)")
        for line in report.packs:
            print(f"pack: {line}")
    for problem in status.problems:
        print(f"problem: {problem}")
    return 0


def _team_usage(args: argparse.Namespace) -> int:
    from assist.team.schema import USAGE_ROLES, member_of
    from assist.team.usage import team_usage

    if args.days < 1 or args.limit < 1:
        raise CommandError("--days and --limit must be at least 1")
    engine = _engine(args)
    with engine.connect() as connection:
        member = member_of(connection)
        if member.role not in USAGE_ROLES:
            raise CommandError("the team's usage is for its lead (and editors); you are an agent")
        # The replica (for the scripts' titles) only once the server answered: nothing is made locally
        # for a server that is away.
        store = _context(args).store
        report = team_usage(connection, member.team, args.days, args.limit,
                            script_title=lambda script_id: _script_title(store, script_id))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
        return 0
    print(f"{report.team}, last {report.days} days: {report.active_agents} of {report.team_agents} "
          "member(s) active")
    print("\nscript adoption (agents who opened it):")
    for item in report.scripts or []:
        print(f"  {item.share:>5.0%}  {item.agents:>4} agents {item.opens:>6} opens  {item.title} "
              f"({item.script_id})")
    if not report.scripts:
        print("  (none)")
    print("\nsearches that found nothing:")
    for miss in report.misses:
        print(f"  {miss.count:>5}  ({miss.agents} agents)  {miss.query}")
    if not report.misses:
        print("  (none)")
    return 0


def _script_title(store: Any, script_id: str) -> str | None:
    from scripts_lib.storage import script_from_record

    record = store.script(script_id)
    return script_from_record(record).title.get("zh-Hans") if record is not None else None


# -- packs -----------------------------------------------------------------------------------------------

def _agents(args: argparse.Namespace) -> tuple[list[str], int]:
    from assist.team.schema import check_name

    agents = [check_name(name.strip()) for name in args.agents.split(",") if name.strip()]
    percent = args.percent if args.percent is not None else (0 if agents else 100)
    return agents, percent


@_server_errors
def pack_team_command(args: argparse.Namespace) -> int:
    from assist.team import releases
    from assist.team.schema import member_of

    engine = _engine(args)
    with engine.connect() as connection:
        member = member_of(connection)
    team = args.team
    command = args.pack_command
    if command == "publish":
        from scripts_lib.packs.archive import read_pack_file

        agents, percent = _agents(args)
        data = read_pack_file(Path(args.file))
        release, pack = releases.publish(engine, team, data, member.name, __version__, agents, percent)
        print(f"published {release.name} {release.version} to {team} ({release.audience()}): "
              f"{len(pack.scripts)} script(s), {len(pack.entries)} entries, signed by '{pack.signer.name}'")
        return 0
    if command == "promote":
        agents, percent = _agents(args)
        release = releases.promote(engine, team, args.name, agents, percent)
        print(f"{release.name} {release.version} now goes to {release.audience()}")
        return 0
    if command == "rollback":
        withdrawn, live = releases.rollback(engine, team, args.name)
        now = f"{live.name} {live.version} ({live.audience()})" if live else "no version: it is removed"
        print(f"withdrew {withdrawn.name} {withdrawn.version} from {team}; its sidebars go back to {now}")
        return 0
    if command == "trust":
        from scripts_lib.packs import read_public_key

        key = read_public_key(Path(args.file))
        added = releases.trust_team_key(engine, team, key, member.name)
        print(f"{team} {'now trusts' if added else 'already trusted'} '{key.name}'")
        return 0
    with engine.connect() as connection:
        found = releases.releases(connection, team)
    if args.json:
        print(json.dumps([{"id": r.id, "name": r.name, "version": r.version, "state": r.state,
                           "agents": list(r.agents), "percent": r.percent, "published_by": r.published_by,
                           "published_at": r.published_at.isoformat()} for r in found], indent=1))
        return 0
    for r in found:
        print(f"{r.name:<24} {r.version:<10} {r.state:<10} {r.audience():<30} by {r.published_by} "
              f"{r.published_at:%Y-%m-%d %H:%M}")
    if not found:
        print(f"nothing published to {team}")
    return 0


@_server_errors
def bench_team(args: argparse.Namespace) -> int:
    from assist.team.bench import run_team_benchmark

    if args.clients < 1 or args.edits < 1 or args.batch < 1:
        raise CommandError("--clients, --edits and --batch must be at least 1")
    if not 0 <= args.pack_entries <= 5000:
        raise CommandError("--pack-entries must be between 0 and 5000")
    result = run_team_benchmark(_url(args), args.clients, args.edits, __version__, args.batch, args.workers,
                                pack_entries=args.pack_entries,
                                log=lambda line: print(f"assist: {line}", file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0
