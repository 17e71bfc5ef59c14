"""Alembic environment: migrations run from code (knowledge.db.migrate) on a connection it passes in."""

from alembic import context

from knowledge.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through knowledge.db.migrate(), which passes a connection")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
