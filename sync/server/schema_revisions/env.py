"""Alembic's environment: the connection and its open transaction come from
``sync.server.migrations`` (``config.attributes["connection"]``); alembic commits nothing."""

from alembic import context

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
