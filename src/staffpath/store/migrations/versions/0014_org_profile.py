"""org profile: the organisation's size as an administrator declares it

Revision ID: 0014_org_profile
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_org_profile"
down_revision = "0001"
branch_labels = ("org_profile",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "org_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engineers", sa.Integer(), nullable=False),
        sa.Column("teams", sa.Integer(), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_profile")),
    )


def downgrade() -> None:
    op.drop_table("org_profile")
