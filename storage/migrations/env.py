"""Alembic environment: run migrations on the connection `storage.migrate` hands over.

`open_storage` opens a transaction on the async engine and passes its sync-facing
connection in `config.attributes["connection"]` (Alembic's connection-sharing recipe for
asyncio). Without one (the `alembic` command line), an engine is built from
`sqlalchemy.url`. SQLite gets batch mode because it cannot ALTER most column properties.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from storage.engine import create_engine, writer
from storage.tables import Base

config = context.config
target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    """Configure the context for `connection` and run the pending migrations."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_url(url: str) -> None:
    engine = create_engine(url)
    try:
        async with writer(engine).begin() as conn:
            await conn.run_sync(run_on)
    finally:
        await engine.dispose()


def main() -> None:
    """Run the migrations on the shared connection, or on one made from the configured URL."""
    if context.is_offline_mode():
        raise RuntimeError("offline (--sql) migrations are not supported")
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    asyncio.run(_run_from_url(url))


main()
