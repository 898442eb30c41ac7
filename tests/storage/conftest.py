"""Storage fixtures: a migrated Storage on each backend of `database_url`."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import Storage, open_storage


@pytest.fixture
async def storage(database_url: str) -> AsyncIterator[Storage]:
    """Yield a migrated Storage on an empty database, closed afterwards."""
    opened = await open_storage(database_url)
    try:
        yield opened
    finally:
        await opened.close()
