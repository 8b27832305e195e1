"""links of a measure to the observations and stored hotspot analyses behind it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22

Model in ``hotspots.store.link_models``. ``(measure_id, kind, ref_id)`` is unique: linking
twice keeps one link. Deleting a measure deletes its links.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "measure_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["measures.id"],
            name=op.f("fk_measure_links_measure_id_measures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_links")),
        sa.UniqueConstraint(
            "measure_id", "kind", "ref_id", name="uq_measure_links_measure_kind_ref"
        ),
    )
    op.create_index("ix_measure_links_kind_ref", "measure_links", ["kind", "ref_id"])


def downgrade() -> None:
    op.drop_index("ix_measure_links_kind_ref", table_name="measure_links")
    op.drop_table("measure_links")
