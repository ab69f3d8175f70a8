"""unanchored blind scoring: a cycle setting, and each packet kept without the engine's view

Revision ID: 0011_unanchored
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_unanchored"
down_revision = "0001"
branch_labels = ("unanchored",)
depends_on = ("0005_cycles",)


def upgrade() -> None:
    with op.batch_alter_table("cycles") as batch:
        batch.add_column(sa.Column("unanchored", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
    with op.batch_alter_table("cycle_nominations") as batch:
        batch.add_column(sa.Column("packet_md_blind", sa.Text(), nullable=True))
        batch.add_column(sa.Column("packet_html_blind", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cycle_nominations") as batch:
        batch.drop_column("packet_html_blind")
        batch.drop_column("packet_md_blind")
    with op.batch_alter_table("cycles") as batch:
        batch.drop_column("unanchored")
