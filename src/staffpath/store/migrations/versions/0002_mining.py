"""mining: repositories mined, git identities and rules, authorship spans, per-period facts

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mined_repos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("branch", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("tip", sa.String(length=64), nullable=True),
        sa.Column("commits", sa.Integer(), nullable=False),
        sa.Column("authors", sa.Integer(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("truck_factor", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=True),
        sa.Column("mined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mined_repos")),
        sa.UniqueConstraint("path", "branch", name="uq_mined_repos_path_branch"),
    )
    op.create_table(
        "git_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_git_identities")),
        sa.UniqueConstraint("name", "email", name="uq_git_identities_name_email"),
    )
    op.create_table(
        "identity_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"], ["git_identities.id"],
            name=op.f("fk_identity_rules_identity_id_git_identities"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["other_id"], ["git_identities.id"],
            name=op.f("fk_identity_rules_other_id_git_identities"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"],
            name=op.f("fk_identity_rules_person_id_people"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_rules")),
    )
    with op.batch_alter_table("identity_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_identity_rules_identity_id"), ["identity_id"], unique=False)

    op.create_table(
        "authorship_spans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("repo_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("author_key", sa.String(length=400), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["repo_id"], ["mined_repos.id"],
            name=op.f("fk_authorship_spans_repo_id_mined_repos"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"],
            name=op.f("fk_authorship_spans_person_id_people"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorship_spans")),
    )
    with op.batch_alter_table("authorship_spans", schema=None) as batch_op:
        batch_op.create_index("ix_authorship_spans_repo_author", ["repo_id", "author_key"],
                              unique=False)
        batch_op.create_index("ix_authorship_spans_repo_path", ["repo_id", "path"],
                              unique=False)


    op.create_table(
        "mined_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("repo_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("author_key", sa.String(length=400), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["repo_id"], ["mined_repos.id"],
            name=op.f("fk_mined_facts_repo_id_mined_repos"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mined_facts")),
        sa.UniqueConstraint("repo_id", "kind", "author_key", "period",
                            name="uq_mined_facts_repo_kind_author_period"),
    )
    with op.batch_alter_table("mined_facts", schema=None) as batch_op:
        batch_op.create_index("ix_mined_facts_repo_period", ["repo_id", "period"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mined_facts", schema=None) as batch_op:
        batch_op.drop_index("ix_mined_facts_repo_period")
    op.drop_table("mined_facts")
    with op.batch_alter_table("authorship_spans", schema=None) as batch_op:
        batch_op.drop_index("ix_authorship_spans_repo_path")
        batch_op.drop_index("ix_authorship_spans_repo_author")
    op.drop_table("authorship_spans")
    with op.batch_alter_table("identity_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_rules_identity_id"))
    op.drop_table("identity_rules")
    op.drop_table("git_identities")
    op.drop_table("mined_repos")
