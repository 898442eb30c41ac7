"""Per-feed polling state (next check, disabled, who added it) and entry fingerprints.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Add the feeds' polling columns and the articles' content fingerprint."""
    with op.batch_alter_table("feeds") as batch:
        batch.add_column(sa.Column("next_check_at", _utc(), nullable=True))
        batch.add_column(sa.Column("last_checked_at", _utc(), nullable=True))
        batch.add_column(sa.Column("disabled_at", _utc(), nullable=True))
        batch.add_column(sa.Column("added_by", sa.BigInteger(), nullable=True))
    op.create_index("ix_feeds_next_check_at", "feeds", ["next_check_at"])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("content_digest", sa.String(64), nullable=True))


def downgrade() -> None:
    """Drop what `upgrade` added."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("content_digest")
    op.drop_index("ix_feeds_next_check_at", table_name="feeds")
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("added_by")
        batch.drop_column("disabled_at")
        batch.drop_column("last_checked_at")
        batch.drop_column("next_check_at")
