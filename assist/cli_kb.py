"""`assist kb lint|drafts|edit|new|submit|approve|reject|history|diff|rollback|stale`: the editing workflow
on the command line. Parsing and printing only; the workflow is knowledge.editing."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

EDIT_COMMANDS = ("lint", "drafts", "edit", "new", "submit", "approve", "reject", "history", "diff",
                 "rollback", "stale", "rules", "discard", "merge")


def add_commands(kb_commands: Any) -> None:
    lint = kb_commands.add_parser("lint", help="the compliance lint on import files, or on every published "
                                  "entry; exits 1 when there are errors")
    lint.add_argument("files", nargs="*", metavar="FILE")
    drafts = kb_commands.add_parser("drafts", help="drafts and what waits for review")
    drafts.add_argument("--state", choices=("draft", "review", "rejected"))
    edit = kb_commands.add_parser("edit", help="change fields of an entry in your draft of it")
    edit.add_argument("entry_id", metavar="ID")
    new = kb_commands.add_parser("new", help="a draft of a new entry")
    new.add_argument("--id", dest="entry_id", default="", help="default: made from the title")
    for command in (edit, new):
        command.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                             help="title, body, scenario_answer, category, lang, verify_by (YYYY-MM-DD or "
                             "empty), aliases or tags ('|' between items); repeat for more fields")
    submit = kb_commands.add_parser("submit", help="send your draft for review (lint errors block it)")
    submit.add_argument("entry_id", metavar="ID")
    approve = kb_commands.add_parser("approve", help="publish a draft in review (as a reviewer)")
    reject = kb_commands.add_parser("reject", help="send a draft back with a comment (as a reviewer)")
    for command in (approve, reject):
        command.add_argument("entry_id", metavar="ID")
        command.add_argument("--author", required=True, help="whose draft")
        command.add_argument("--comment", default="")
    discard = kb_commands.add_parser("discard", help="throw away your draft (the published entry stays)")
    discard.add_argument("entry_id", metavar="ID")
    merge = kb_commands.add_parser("merge", help="after a conflict: take into your draft what was published "
                                   "meanwhile; fields you both changed are listed for you to decide")
    merge.add_argument("entry_id", metavar="ID")
    merge.add_argument("--keep", choices=("mine", "theirs"), help="for the fields you both changed: keep "
                       "your text or take theirs (without it, such fields stop the merge)")
    history = kb_commands.add_parser("history", help="every published version of an entry")
    history.add_argument("entry_id", metavar="ID")
    diff = kb_commands.add_parser("diff", help="what changed between two versions ([-removed-]{+added+})")
    diff.add_argument("entry_id", metavar="ID")
    diff.add_argument("old", type=int, metavar="OLD_VERSION")
    diff.add_argument("new", type=int, metavar="NEW_VERSION")
    rollback = kb_commands.add_parser("rollback", help="publish an earlier version again, as a new one")
    rollback.add_argument("entry_id", metavar="ID")
    rollback.add_argument("version", type=int, metavar="VERSION")
    kb_commands.add_parser("stale", help="published entries past their verify-by date")
    rules = kb_commands.add_parser("rules", help="the lint's rule set in force: show it, save a new version "
                                   "from a YAML file, list its versions")
    rules.add_argument("action", choices=("show", "save", "history"))
    rules.add_argument("file", nargs="?", metavar="FILE", help="with save: the rule set (YAML, as "
                       "knowledge/lint/rules.yaml)")
    rules.add_argument("--version", type=int, help="with show: an earlier version (0: the bundled one)")
    for command in (drafts, edit, new, submit, approve, reject, rollback, rules, discard, merge):
        command.add_argument("--as", dest="user", help="your name (default: the agent_name setting, else "
                             "your login name)")


# Who may do what, as the knowledge editor window allows it (knowledge_role setting).
REVIEWER_COMMANDS = ("approve", "reject", "rollback")
EDITOR_COMMANDS = ("edit", "new", "submit", "discard", "merge")


def _team_identity(args: argparse.Namespace) -> tuple[str, str] | None:
    """Following a team server, who edits and with which role is the server's to say (the login and
    its team role), not this computer's settings."""
    from assist.cli_calls import _cli

    cli = _cli()
    context = cli._context(args)
    if context.team_url is None:
        return None
    return context.team_identity()  # type: ignore[no-any-return]


def _role(args: argparse.Namespace) -> str:
    from assist.settings import Settings

    team = _team_identity(args)
    return team[1] if team else str(Settings.load().get("knowledge_role"))


def _user(args: argparse.Namespace) -> str:
    team = _team_identity(args)
    if team:
        return team[0]
    if getattr(args, "user", None):
        return str(args.user)
    from assist.settings import Settings

    return str(Settings.load().get("agent_name")) or getpass.getuser()


def _changes(pairs: list[str], cli: Any) -> dict[str, Any]:
    from knowledge.editing import FIELDS, LIST_FIELDS

    changes: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or field not in FIELDS:
            raise cli.CommandError(f"--set {pair[:40]!r}: expected FIELD=VALUE with FIELD one of "
                                   f"{', '.join(FIELDS)}")
        if field in LIST_FIELDS:
            changes[field] = [item.strip() for item in value.split("|") if item.strip()]
        else:
            changes[field] = value or (None if field == "verify_by" else "")
    return changes


def kb_edit_command(args: argparse.Namespace) -> int:
    from assist.cli_calls import _cli
    from knowledge.editing import EditConflict, EditError, Editing, LintBlocked

    cli = _cli()
    if args.kb_command == "lint":
        return _lint(args, cli)
    if args.kb_command == "rules":
        return _rules(args, cli)
    command = args.kb_command
    role = _role(args)
    if command in REVIEWER_COMMANDS and role != "reviewer":
        raise cli.CommandError(f"kb {command} is for reviewers; this install's knowledge_role is {role!r} "
                               "(change it in the settings)")
    if command in EDITOR_COMMANDS and role == "agent":
        raise cli.CommandError(f"kb {command} is for editors and reviewers; this install's knowledge_role "
                               "is 'agent' (change it in the settings)")
    context = cli._context(args)
    editing = Editing(context.editing_store())
    try:
        if command == "drafts":
            for draft in editing.drafts(state=args.state):
                comment = f"  ({draft.reviewer}: {draft.review_comment})" if draft.review_comment else ""
                print(f"{draft.state:<8} {draft.entry_id}  by {draft.editor}  from v{draft.base_version}  "
                      f"{draft.data.get('title', '')}{comment}")
        elif command == "edit":
            draft = editing.start(args.entry_id, _user(args))
            changes = _changes(args.set, cli)
            _check_given(args.entry_id, {**draft.data, **changes}, changes, cli)
            draft = editing.save(args.entry_id, draft.editor, {**draft.data, **changes})
            print(f"{draft.entry_id}: draft saved for {draft.editor} (from version {draft.base_version})")
        elif command == "new":
            draft = editing.new(_user(args), _changes(args.set, cli), args.entry_id)
            print(f"{draft.entry_id}: new draft for {draft.editor}")
        elif command == "submit":
            draft = editing.submit(args.entry_id, _user(args))
            _say_warnings(editing, draft)
            print(f"{args.entry_id}: waiting for review")
        elif command == "approve":
            waiting = editing.draft(args.entry_id, args.author)
            if waiting is not None:
                _say_warnings(editing, waiting)
            revision = editing.approve(args.entry_id, args.author, _user(args), args.comment)
            context.search.refresh()
            print(f"{args.entry_id}: version {revision.version} published")
        elif command == "reject":
            editing.reject(args.entry_id, args.author, _user(args), args.comment)
            print(f"{args.entry_id}: sent back to {args.author}")
        elif command == "discard":
            editing.discard(args.entry_id, _user(args))
            print(f"{args.entry_id}: draft discarded")
        elif command == "merge":
            _merge(editing, args, cli)
        elif command == "history":
            for revision in editing.history(args.entry_id):
                when = (revision.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
                        if revision.created_at else "")
                reviewer = f", approved by {revision.reviewer}" if revision.reviewer else ""
                comment = f": {revision.comment}" if revision.comment else ""
                print(f"v{revision.version}  {when}  {revision.action} by {revision.author}{reviewer}"
                      f"{comment}")
        elif command == "diff":
            _diff(editing, args, cli)
        elif command == "rollback":
            revision = editing.rollback(args.entry_id, args.version, _user(args))
            context.search.refresh()
            print(f"{args.entry_id}: version {revision.version} published (the content of version "
                  f"{args.version})")
        else:
            for entry in editing.stale():
                print(f"{entry.verify_by}  {entry.id}  {entry.title}")
    except LintBlocked as error:
        for finding in error.findings:
            print(f"assist: {args.entry_id}: {finding.field}: {finding}", file=sys.stderr)
        raise cli.CommandError(f"{args.entry_id}: not submitted; the lint found {len(error.findings)} "
                               "error(s)") from None
    except EditConflict as error:
        fields = ", ".join(conflict.field for conflict in error.merge.conflicts) or "none"
        raise cli.CommandError(f"{error} (fields both changed: {fields}); nothing was published") from None
    except EditError as error:
        raise cli.CommandError(str(error)) from None
    return 0


def _check_given(entry_id: str, merged: dict[str, Any], changes: dict[str, Any], cli: Any) -> None:
    """What was just typed with --set is checked now (a draft may hold anything until submit, but
    a command line can say at once that its own value is wrong)."""
    from knowledge.editing import EditError, check_fields

    try:
        check_fields(entry_id, merged)
    except EditError as error:
        if error.field in changes:
            raise cli.CommandError(f"{entry_id}: not saved: {error}") from None


def _say_warnings(editing: Any, draft: Any) -> None:
    for finding in editing.lint(draft.entry_id, draft.data)[1]:
        if not finding.is_error:
            print(f"assist: warning: {draft.entry_id}: {finding.field}: {finding}", file=sys.stderr)


def _merge(editing: Any, args: argparse.Namespace, cli: Any) -> None:
    user = _user(args)
    merge = editing.merge(args.entry_id, user)
    data = dict(merge.data)
    if merge.conflicts and args.keep is None:
        for conflict in merge.conflicts:
            print(f"{conflict.field}: published: {_shown(conflict.theirs)!r} | "
                  f"yours: {_shown(conflict.yours)!r}", file=sys.stderr)
        raise cli.CommandError(f"{args.entry_id}: you and version {merge.their_version} both changed "
                               f"{', '.join(c.field for c in merge.conflicts)}; run again with --keep mine "
                               "or --keep theirs, or edit those fields first")
    for conflict in merge.conflicts:
        data[conflict.field] = conflict.yours if args.keep == "mine" else conflict.theirs
    editing.rebase(args.entry_id, user, data, merge.their_version)
    print(f"{args.entry_id}: your draft now starts from version {merge.their_version}; submit it again")


def _diff(editing: Any, args: argparse.Namespace, cli: Any) -> None:
    from knowledge.editing import FIELDS, diff_segments

    versions = {revision.version: revision for revision in editing.history(args.entry_id)}
    for version in (args.old, args.new):
        if version not in versions:
            raise cli.CommandError(f"{args.entry_id} has no kept version {version} "
                                   f"(kept: {', '.join(map(str, sorted(versions))) or 'none'})")
    old, new = versions[args.old].data, versions[args.new].data
    for field in FIELDS:
        before, after = _shown(old.get(field)), _shown(new.get(field))
        if before == after:
            continue
        marked = "".join(text if kind == "equal" else f"[-{text}-]" if kind == "delete" else f"{{+{text}+}}"
                         for kind, text in diff_segments(before, after))
        print(f"{field}: {marked}")


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return " | ".join(value)
    return "" if value is None else str(value)


def _rules(args: argparse.Namespace, cli: Any) -> int:
    from knowledge.lint.rules import RuleSetError
    from knowledge.lint.versions import RuleSets

    if args.action == "save" and _role(args) == "agent":
        raise cli.CommandError("saving the lint rules is for editors and reviewers; this install's "
                               "knowledge_role is 'agent' (change it in the settings)")
    rule_sets = RuleSets(cli._context(args).editing_store())
    try:
        if args.action == "show":
            print(rule_sets.text(args.version), end="")
        elif args.action == "history":
            for saved in rule_sets.history():
                when = saved.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if saved.created_at else ""
                print(f"v{saved.version}  {when}  {saved.author}")
        else:
            if not args.file:
                raise cli.CommandError("kb rules save needs the rule set FILE")
            try:
                text = Path(args.file).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise cli.CommandError(f"{args.file}: cannot read it as UTF-8 text ({error})") from None
            version = rule_sets.save(text, _user(args))
            print(f"rule set version {version} is in force")
    except RuleSetError as error:
        raise cli.CommandError(f"rule set not saved: {error}") from None
    return 0


def _lint(args: argparse.Namespace, cli: Any) -> int:
    from knowledge.editing import placeholder_findings
    from knowledge.importing import ImportFileError, read_entries
    from knowledge.lint.check import lint_entries
    from knowledge.lint.versions import RuleSets

    store = cli._context(args).store
    if args.files:
        entries = []
        for name in args.files:
            try:
                entries += read_entries(Path(name))
            except ImportFileError as error:
                raise cli.CommandError(str(error)) from None
    else:
        entries = store.entries(status="published")
    errors = warnings = 0
    # The rule set in force in this store, as editors last saved it.
    for entry, findings in zip(entries, lint_entries(entries, RuleSets(store).current()), strict=True):
        for finding in [*findings, *placeholder_findings(entry)]:
            errors += finding.is_error
            warnings += not finding.is_error
            print(f"{entry.id}: {finding.field}: {finding.severity} '{finding.phrase}': {finding.why} "
                  f"Instead: {finding.suggestion}")
    print(f"{len(entries)} entries: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0
