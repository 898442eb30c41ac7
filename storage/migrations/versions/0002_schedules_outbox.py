"""Keep digest schedules in the database, add the outbox and muted sources.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Add schedule columns to chats; create the outbox and muted_sources tables."""
    with op.batch_alter_table("chats") as batch:
        batch.add_column(
            sa.Column("frequency", sa.String(16), nullable=False, server_default="daily")
        )
        batch.add_column(
            sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("next_digest_at", _utc(), nullable=True))
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "delivery_id",
            sa.Integer(),
            sa.ForeignKey("deliveries.id", name="fk_outbox_delivery_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parse_mode", sa.String(16), nullable=True),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("not_before", _utc(), nullable=False),
        sa.Column("sent_at", _utc(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_outbox_state_not_before", "outbox", ["state", "not_before"])
    op.create_table(
        "muted_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "chat_id",
            sa.BigInteger(),
            sa.ForeignKey("chats.id", name="fk_muted_sources_chat_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("host", sa.String(255), nullable=False),
        sa.UniqueConstraint("chat_id", "host", name="uq_muted_sources_chat_host"),
    )


def downgrade() -> None:
    """Drop what `upgrade` added."""
    op.drop_table("muted_sources")
    op.drop_index("ix_outbox_state_not_before", table_name="outbox")
    op.drop_table("outbox")
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("next_digest_at")
        batch.drop_column("paused")
        batch.drop_column("frequency")
