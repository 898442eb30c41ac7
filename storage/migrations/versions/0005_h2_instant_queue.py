"""The instant queue: articles whose instant pushes are not queued yet.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-14
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the table; articles stored before it count as pushed already."""
    op.create_table(
        "instant_queue",
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", name="fk_instant_queue_article_id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("instant_queue")
