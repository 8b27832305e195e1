"""alerts on geographic deviation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

Model in ``hotspots.store.alert_models``. ``(week, kind, area_key)`` is unique: the check
can run again (after every import, on a schedule) without making a second alert.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("area_key", sa.String(length=120), nullable=False),
        sa.Column("geometry", sa.JSON(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("municipality", sa.String(length=120), nullable=True),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("observed", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Float(), nullable=False),
        sa.Column("p_value", sa.Float(), nullable=True),
        sa.Column("q_value", sa.Float(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=120), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("week", "kind", "area_key", name="uq_alerts_week_kind_area"),
    )
    op.create_index("ix_alerts_week_status", "alerts", ["week", "status"])


def downgrade() -> None:
    op.drop_index("ix_alerts_week_status", table_name="alerts")
    op.drop_table("alerts")
