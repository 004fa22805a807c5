"""Alembic environment: always runs on the connection the app hands over (never reads a URL itself)."""

from __future__ import annotations

from alembic import context

from explorer.history.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
