"""Apply Alembic migrations programmatically, with no alembic.ini.

Alembic's "connection sharing with asyncio" recipe: open one write transaction on the
async engine, hand its sync-facing connection to `command.upgrade` through
`Config.attributes`, and let `env.py` run on it. Upgrading an up-to-date database is a
no-op, so this runs on every start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import writer

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """Return an Alembic config pointing at the bundled migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the database behind `engine` to the newest revision."""
    cfg = alembic_config()

    def run(connection: Connection) -> tuple[str | None, str | None]:
        before = MigrationContext.configure(connection).get_current_revision()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        return before, MigrationContext.configure(connection).get_current_revision()

    async with writer(engine).begin() as conn:
        before, after = await conn.run_sync(run)
    if before != after:  # Alembic's own lines are quieted (bot.logs): one line instead
        log.info("database migrated from %s to %s", before or "empty", after)


async def current_revision(engine: AsyncEngine) -> str | None:
    """Return the revision the database is at (None before the first migration)."""

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as conn:
        return await conn.run_sync(read)


def head_revision() -> str | None:
    """Return the newest revision of the bundled migrations."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
