"""Alembic environment for the team tables: run from code (assist.team.schema), which passes the
connection and the version table in config.attributes."""

from alembic import context

from assist.team.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through assist.team.schema, which passes a connection")

context.configure(connection=connection, target_metadata=metadata,
                  version_table=context.config.attributes["version_table"],
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
