"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-21

On PostgreSQL this also enables PostGIS and adds a generated ``geom`` point column with a
GiST index to incidents, observations and measures, so bounding-box queries use the index
while the application keeps writing plain lon/lat on every backend.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

POINT_TABLES = ("incidents", "observations", "measures")


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_bytes", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("encoding", sa.String(length=40), nullable=True),
        sa.Column("imported_by", sa.String(length=120), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_stored", sa.Integer(), nullable=False),
        sa.Column("rows_duplicate", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("rows_review", sa.Integer(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_table(
        "gazetteer_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("letter", sa.String(length=10), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("locality", sa.Text(), nullable=True),
        sa.Column("municipality", sa.String(length=120), nullable=True),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_gazetteer_entries_batch_id_import_batches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gazetteer_entries")),
        sa.UniqueConstraint("source", "key", name="uq_gazetteer_entries_source_key"),
    )
    with op.batch_alter_table("gazetteer_entries", schema=None) as batch_op:
        batch_op.create_index("ix_gazetteer_entries_municipality", ["municipality"], unique=False)

    op.create_table(
        "import_rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_import_rejections_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_rejections")),
    )
    with op.batch_alter_table("import_rejections", schema=None) as batch_op:
        batch_op.create_index("ix_import_rejections_batch", ["batch_id", "line"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("raw_category", sa.Text(), nullable=True),
        sa.Column("occurred_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_to", sa.DateTime(timezone=True), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("municipality", sa.String(length=120), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(length=20), nullable=False),
        sa.Column("geocode_score", sa.Float(), nullable=True),
        sa.Column("geocode_note", sa.Text(), nullable=True),
        sa.Column("review", sa.String(length=20), nullable=True),
        sa.Column("outside_area", sa.Boolean(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batches.id"], name=op.f("fk_incidents_batch_id_import_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("source", "external_id", name="uq_incidents_source_external_id"),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incidents_category_time", ["category", "occurred_from"], unique=False
        )
        batch_op.create_index("ix_incidents_lonlat", ["lon", "lat"], unique=False)
        batch_op.create_index(
            "ix_incidents_review",
            ["review"],
            unique=False,
            sqlite_where=sa.text("review IS NOT NULL"),
            postgresql_where=sa.text("review IS NOT NULL"),
        )
        batch_op.create_index("ix_incidents_time", ["occurred_from"], unique=False)

    op.create_table(
        "measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=60), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("municipality", sa.String(length=120), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("radius_m", sa.Float(), nullable=True),
        sa.Column("area_geojson", sa.JSON(), nullable=True),
        sa.Column("precision", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batches.id"], name=op.f("fk_measures_batch_id_import_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measures")),
    )
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.create_index("ix_measures_lonlat", ["lon", "lat"], unique=False)

    op.create_table(
        "walks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("area", sa.Text(), nullable=True),
        sa.Column("municipality", sa.String(length=120), nullable=True),
        sa.Column("walked_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batches.id"], name=op.f("fk_walks_batch_id_import_batches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walks")),
        sa.UniqueConstraint("source", "name", name="uq_walks_source_name"),
    )
    op.create_table(
        "observations",
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("walk_id", sa.Integer(), nullable=True),
        sa.Column("severity", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("raw_category", sa.Text(), nullable=True),
        sa.Column("occurred_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_to", sa.DateTime(timezone=True), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("municipality", sa.String(length=120), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(length=20), nullable=False),
        sa.Column("geocode_score", sa.Float(), nullable=True),
        sa.Column("geocode_note", sa.Text(), nullable=True),
        sa.Column("review", sa.String(length=20), nullable=True),
        sa.Column("outside_area", sa.Boolean(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_observations_batch_id_import_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["walk_id"], ["walks.id"], name=op.f("fk_observations_walk_id_walks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint("source", "external_id", name="uq_observations_source_external_id"),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index("ix_observations_lonlat", ["lon", "lat"], unique=False)
        batch_op.create_index(
            "ix_observations_review",
            ["review"],
            unique=False,
            sqlite_where=sa.text("review IS NOT NULL"),
            postgresql_where=sa.text("review IS NOT NULL"),
        )
        batch_op.create_index("ix_observations_time", ["occurred_from"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        for table in POINT_TABLES:
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN geom geometry(Point, 4326) "
                "GENERATED ALWAYS AS (CASE WHEN lon IS NOT NULL AND lat IS NOT NULL "
                "THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED"
            )
            op.execute(f"CREATE INDEX ix_{table}_geom ON {table} USING gist (geom)")


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_time")
        batch_op.drop_index("ix_observations_review")
        batch_op.drop_index("ix_observations_lonlat")

    op.drop_table("observations")
    op.drop_table("walks")
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.drop_index("ix_measures_lonlat")

    op.drop_table("measures")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_time")
        batch_op.drop_index("ix_incidents_review")
        batch_op.drop_index("ix_incidents_lonlat")
        batch_op.drop_index("ix_incidents_category_time")

    op.drop_table("incidents")
    with op.batch_alter_table("import_rejections", schema=None) as batch_op:
        batch_op.drop_index("ix_import_rejections_batch")

    op.drop_table("import_rejections")
    with op.batch_alter_table("gazetteer_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_gazetteer_entries_municipality")

    op.drop_table("gazetteer_entries")
    op.drop_table("import_batches")
