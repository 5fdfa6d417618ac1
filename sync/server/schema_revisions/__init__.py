"""Alembic revisions of the server's schema (driven by ``sync.server.migrations``; no alembic.ini).

Each file in ``versions/`` is one schema version, frozen: it spells out the tables as they were
when it was written and never imports ``sync.server.schema`` (today's tables), so an old database
is always brought forward through the same steps that built the newer ones.
"""
