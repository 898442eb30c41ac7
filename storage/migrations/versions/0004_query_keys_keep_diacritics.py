"""Recompute subscriptions' duplicate keys: typed diacritics are now part of a query.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.search import query_key

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUBSCRIPTIONS = sa.table(
    "subscriptions",
    sa.column("id", sa.Integer),
    sa.column("query", sa.Text),
    sa.column("query_folded", sa.Text),
)


def upgrade() -> None:
    """Key each stored query by its canonical form under the new diacritic rule."""
    # The new keys only split old ones (`Đảng ủy` and `dang uy` were one key, now two), so
    # no two rows of a chat can collide on the unique (chat_id, query_folded).
    bind = op.get_bind()
    rows = bind.execute(sa.select(_SUBSCRIPTIONS.c.id, _SUBSCRIPTIONS.c.query)).all()
    for row_id, query in rows:
        bind.execute(
            _SUBSCRIPTIONS.update()
            .where(_SUBSCRIPTIONS.c.id == row_id)
            .values(query_folded=query_key(query))
        )


def downgrade() -> None:
    """Leave the keys: the old code reads them only to spot duplicates."""
