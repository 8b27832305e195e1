"""measures: decision date and cost; status history of observations and measures

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

``status_changes`` is one append-only log for both kinds of record (``kind`` is
``observation`` or ``measure``, ``record_id`` the row's id); the record's own ``status``
column keeps the latest status for quick filtering.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    op.create_index("ix_status_changes_kind_time", "status_changes", ["kind", "changed_at"])
    op.create_index("ix_status_changes_kind_record", "status_changes", ["kind", "record_id"])
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_on", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("cost_sek", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.drop_column("cost_sek")
        batch_op.drop_column("decided_on")
    op.drop_index("ix_status_changes_kind_record", table_name="status_changes")
    op.drop_index("ix_status_changes_kind_time", table_name="status_changes")
    op.drop_table("status_changes")
