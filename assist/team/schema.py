"""Creating or migrating a team database, and the server-side rules of who may do what.

One schema for SQLite and PostgreSQL: the knowledge, customer and team migration chains run on both.
On PostgreSQL the roles are enforced by the server itself, so a modified client holding an agent's
credentials still cannot change content: group roles with grants, and row-level security where a
table holds several teams' rows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, insert, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from assist.customers.store import MIGRATIONS as CUSTOMER_MIGRATIONS
from assist.team import models
from assist.team.credentials import place, with_password
from assist.team.errors import TeamError, first_line
from knowledge.db import KNOWLEDGE_MIGRATIONS, MigrationChain, compact_json_text, open_engine
from knowledge.models import utcnow
from knowledge.store import KnowledgeStore

TEAM_MIGRATIONS = MigrationChain(Path(__file__).resolve().parent / "migrations", "team_alembic_version")
CHAINS = (KNOWLEDGE_MIGRATIONS, CUSTOMER_MIGRATIONS, TEAM_MIGRATIONS)

# A member's login role is their name on the server: lower-case letters, digits and _, quoted in every
# statement all the same, and never one of SQL's names for roles (GRANT x TO current_user...).
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_RESERVED = ("postgres", "public", "pg_", "assist_")
_ROLE_KEYWORDS = {"current_user", "current_role", "session_user", "user", "none", "all", "default",
                  "role", "grant", "group"}


def group_roles(connection: Connection) -> dict[str, str]:
    """The group roles carrying the grants, one set per database: roles are the whole server's, and
    an agent here must not become a lead because they lead a team in another database on it."""
    return group_role_names(str(connection.execute(text("SELECT current_database()")).scalar_one()))


def group_role_names(database: str) -> dict[str, str]:
    """The group roles of the team database named `database` (to drop them after the database)."""
    tag = hashlib.sha256(database.encode()).hexdigest()[:10]
    return {role: f"assist_{tag}_{role}" for role in models.ROLES}

_CONTENT = ("faq_entries", "scripts", "store_state", "lint_rule_sets", "faq_revisions", "trusted_keys",
            "pack_versions", "pack_displaced", "alembic_version")
_CUSTOMERS = ("customers", "customer_phones", "customer_orders", "customer_tickets",
              "customer_interactions", "customers_state", "customers_alembic_version")
_TEAM = ("teams", "team_members", "team_keys", "team_pack_releases", "team_alembic_version")


def connect(url: URL, compact_json: bool = False, **options: Any) -> Engine:
    """An engine on the team server with the keyring's password; it connects lazily."""
    if url.get_backend_name() != "postgresql":
        return open_engine(url.render_as_string(hide_password=False), compact_json=compact_json)
    if compact_json:
        options["json_serializer"] = compact_json_text
    options.setdefault("pool_pre_ping", True)
    return create_engine(with_password(url), future=True,
                         connect_args={"connect_timeout": 5, "application_name": "agent-assist",
                                       **options.pop("connect_args", {})},
                         **options)


def check_name(name: str, what: str = "user name") -> str:
    if not _NAME.fullmatch(name) or name.startswith(_RESERVED) or name in _ROLE_KEYWORDS:
        raise TeamError(f"{what} '{name}' must be lower-case letters, digits and _ (at most 63, not "
                        "starting with a digit, pg_ or assist_)")
    return name


def check_role(role: str) -> str:
    if role not in models.ROLES:
        raise TeamError(f"role must be one of {', '.join(models.ROLES)} (got '{role}')")
    return role


def init_database(engine: Engine) -> list[str]:
    """Create or migrate every schema, then (PostgreSQL) roles, grants and row-level security; safe to
    run again after an upgrade. Returns what it did, one line each."""
    done: list[str] = []
    try:
        for chain in CHAINS:
            before = chain.current(engine)
            chain.upgrade(engine)
            after = chain.current(engine)
            if before != after:
                done.append(f"{chain.version_table}: {before or 'empty'} -> {after}")
        # Replicas tell one database from another behind the same address by this id.
        KnowledgeStore(engine).store_id()
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                _apply_rules(connection)
            done.append("roles, grants and row-level security applied")
    except SQLAlchemyError as error:
        raise TeamError(f"could not set up the team database: {first_line(error)}") from None
    return done


def _apply_rules(connection: Connection) -> None:
    execute = connection.exec_driver_sql
    roles = group_roles(connection)
    for group in roles.values():
        execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{group}') THEN "
                f"CREATE ROLE {group} NOLOGIN; END IF; END $$")
    agent, editor, lead, admin = (roles[role] for role in models.ROLES)
    execute(f"GRANT {agent} TO {editor}, {lead}")
    execute(f"GRANT {editor}, {lead} TO {admin}")

    # Only this database's own members may connect to it (a login of another team database on this
    # server has no business here).
    database = _database_identifier(connection)
    execute(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
    logins = connection.execute(text("SELECT m.name FROM team_members m JOIN pg_roles r ON r.rolname = m.name"
                                     )).scalars().all()
    for name in logins:
        execute(f"GRANT CONNECT ON DATABASE {database} TO {_quoted(check_name(name))}")

    execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC")
    execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    execute(f"GRANT USAGE ON SCHEMA public TO {agent}")
    execute(f"GRANT SELECT ON {', '.join(_CONTENT + _CUSTOMERS + _TEAM)} TO {agent}")
    # An agent writes the calls they take (wrap-ups: a new row, and a promise kept) and their own
    # usage, nothing else.
    execute(f"GRANT INSERT, UPDATE (promise_kept) ON customer_interactions TO {agent}")
    execute(f"GRANT USAGE ON SEQUENCE customer_interactions_row_id_seq TO {agent}")
    execute(f"GRANT INSERT ON team_usage TO {agent}")

    execute(f"GRANT INSERT, UPDATE ON faq_entries, faq_revisions, store_state, lint_rule_sets TO {editor}")
    execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON faq_drafts TO {editor}")
    execute(f"GRANT USAGE ON SEQUENCE faq_revisions_id_seq TO {editor}")
    execute(f"GRANT SELECT ON team_usage TO {editor}, {lead}")

    # A release's content and who published it stand; a lead widens, narrows or withdraws it.
    execute(f"GRANT INSERT, UPDATE (agents, percent, state, changed_at) ON team_pack_releases TO {lead}")
    execute(f"GRANT USAGE ON SEQUENCE team_pack_releases_id_seq TO {lead}")
    execute(f"GRANT INSERT, DELETE ON team_keys TO {lead}")

    execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {admin}")
    execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {admin}")

    # The owner's view of the members table (the policies on team_members itself use it too). It
    # runs as its owner, so the caller's login comes in as the argument: current_user inside would
    # be the owner.
    execute("""CREATE OR REPLACE FUNCTION assist_team_of(login name) RETURNS text LANGUAGE sql STABLE
               SECURITY DEFINER SET search_path = public, pg_temp AS
               $$ SELECT team FROM team_members WHERE name = login $$""")
    execute("REVOKE ALL ON FUNCTION assist_team_of(name) FROM PUBLIC")
    execute(f"GRANT EXECUTE ON FUNCTION assist_team_of(name) TO {agent}")
    is_admin = f"pg_has_role('{admin}', 'MEMBER')"
    is_lead = f"pg_has_role('{lead}', 'MEMBER')"
    is_editor = f"pg_has_role('{editor}', 'MEMBER')"
    own_team = "team = assist_team_of(current_user)"
    policies: dict[str, list[tuple[str, str, str | None, str | None]]] = {
        # Editors move the counter that orders changes; the store's id and the rest are the owner's.
        "store_state": [
            ("state_read", "SELECT", "true", None),
            ("state_insert", "INSERT", None, "key = 'generation'"),
            ("state_update", "UPDATE", "key = 'generation'", "key = 'generation'"),
        ],
        "team_members": [
            ("members_read", "SELECT", f"{is_admin} OR name = current_user OR {own_team}", None),
        ],
        # A wrap-up goes on record in its writer's own name; a promise any colleague made may be
        # marked kept (the column grant allows nothing else).
        "customer_interactions": [
            ("interactions_read", "SELECT", "true", None),
            ("interactions_insert", "INSERT", None, f"agent = current_user OR {is_admin}"),
            ("interactions_update", "UPDATE", "true", "true"),
            # A customer import replaces the calls it brought in before (admins import).
            ("interactions_delete", "DELETE", is_admin, None),
        ],
        "team_usage": [
            ("usage_insert", "INSERT", None, f"agent = current_user AND {own_team}"),
            ("usage_read", "SELECT", f"{is_admin} OR (({is_lead} OR {is_editor}) AND {own_team})", None),
        ],
        "team_pack_releases": [
            ("releases_read", "SELECT", f"{is_admin} OR {own_team}", None),
            ("releases_insert", "INSERT", None,
             f"{is_admin} OR ({is_lead} AND {own_team} AND published_by = current_user)"),
            ("releases_update", "UPDATE", f"{is_admin} OR ({is_lead} AND {own_team})",
             f"{is_admin} OR ({is_lead} AND {own_team})"),
        ],
        "team_keys": [
            ("keys_read", "SELECT", f"{is_admin} OR {own_team}", None),
            ("keys_insert", "INSERT", None,
             f"{is_admin} OR ({is_lead} AND {own_team} AND added_by = current_user)"),
            ("keys_delete", "DELETE", f"{is_admin} OR ({is_lead} AND {own_team})", None),
        ],
    }
    for table, rules in policies.items():
        execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, command, using, check in rules:
            execute(f"DROP POLICY IF EXISTS {name} ON {table}")
            clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
            execute(f"CREATE POLICY {name} ON {table} FOR {command}{clauses}")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _database_identifier(connection: Connection) -> str:
    name = str(connection.execute(text("SELECT current_database()")).scalar_one())
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Member:
    name: str
    team: str
    role: str


def add_member(engine: Engine, name: str, role: str, team: str, password: str | None) -> Member:
    """Add a person to a team (or move them: team and role are replaced). On PostgreSQL this is also
    their login role, in the group role that carries the grants."""
    check_name(name)
    check_name(team, "team name")
    check_role(role)
    now = utcnow()
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                _login_role(connection, name, role, password)
            if connection.execute(select(models.teams.c.name).where(models.teams.c.name == team)
                                  ).first() is None:
                connection.execute(insert(models.teams).values(name=team, created_at=now))
            connection.execute(models.members.delete().where(models.members.c.name == name))
            connection.execute(insert(models.members).values(name=name, team=team, role=role,
                                                             created_at=now))
    except DBAPIError as error:
        raise TeamError(f"could not add {name}: {first_line(error)}") from None
    return Member(name, team, role)


def _login_role(connection: Connection, name: str, role: str, password: str | None) -> None:
    from psycopg import sql

    raw: Any = connection.connection.driver_connection
    may_create = text("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
    if not connection.execute(may_create).scalar_one():
        raise TeamError("adding people needs a login that may create roles: the database's owner who "
                        "ran `assist team init` (CREATEROLE), or a superuser")
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"),
                                {"name": name}).first() is not None
    verb = "ALTER" if exists else "CREATE"
    # No member may create roles: on PostgreSQL that reaches past this database to the whole server.
    statement = sql.SQL("{} ROLE {} LOGIN NOCREATEROLE").format(sql.SQL(verb), sql.Identifier(name))
    if password is not None:
        # Hashed here: a plain password in the statement could reach the server's log.
        hashed = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
        statement += sql.SQL(" PASSWORD {}").format(sql.Literal(hashed.decode("ascii")))
    connection.exec_driver_sql(statement.as_string(raw))
    login = sql.Identifier(name).as_string(raw)
    roles = group_roles(connection)
    for other, group in roles.items():
        if other != role:
            connection.exec_driver_sql(f"REVOKE {group} FROM {login}")
    connection.exec_driver_sql(f"GRANT {roles[role]} TO {login}")
    connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {_database_identifier(connection)} TO {login}")


def members(engine: Engine, team: str | None = None) -> list[Member]:
    query = select(models.members.c.name, models.members.c.team, models.members.c.role
                   ).order_by(models.members.c.team, models.members.c.name)
    if team is not None:
        query = query.where(models.members.c.team == team)
    with engine.connect() as connection:
        return [Member(*row) for row in connection.execute(query)]


def whoami(connection: Connection, name: str | None = None) -> Member | None:
    """Who this connection is on the server (its login role), with their team and role; None when the
    login is not a team member. SQLite has no logins: there `name` says who."""
    if name is None and connection.dialect.name == "postgresql":
        name = connection.execute(text("SELECT current_user")).scalar_one()
    if name is None:
        return None
    row = connection.execute(select(models.members.c.name, models.members.c.team, models.members.c.role)
                             .where(models.members.c.name == name)).first()
    return Member(*row) if row is not None else None


def member_of(connection: Connection) -> Member:
    """whoami, or TeamError when the login is no member of a team on this server."""
    member = whoami(connection)
    if member is None:
        url = connection.engine.url
        raise TeamError(f"{url.username} is not a member of a team on {place(url)}; an admin adds them "
                        f"with `assist team user add {url.username} --role agent --team TEAM`")
    return member


# The team roles that edit the knowledge base (the editor window opens for them: "reviewer"), and
# those that read the team's usage (the dashboard). The server's grants say the same.
EDITING_ROLES = ("editor", "admin")
USAGE_ROLES = ("lead", "editor", "admin")


def knowledge_role(team_role: str) -> str:
    return "reviewer" if team_role in EDITING_ROLES else "agent"


def schema_problem(connection: Connection, where: str) -> str | None:
    """Why this app cannot use the team database `where` as it is (not set up, or a schema of another
    version), or None when every schema is at the version this app knows."""
    for chain in CHAINS:
        current = chain.current_on(connection)
        if current is None:
            return f"{where} is not set up as a team database; an admin runs `assist team init --db URL`"
        if current != chain.head():
            return (f"{where} has schema {current} and this app knows {chain.head()}; run `assist team "
                    "init` (admin) or update Agent Assist")
    return None


def ready(engine: Engine) -> bool:
    """Whether every schema is at its newest version (what `team init` leaves)."""
    with engine.connect() as connection:
        return schema_problem(connection, "") is None
