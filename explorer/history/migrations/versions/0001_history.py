"""History tables: snapshots, model versions deduplicated by hash, and the writers' lock row.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("model_id", sa.String(500), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_model_versions"),
        sa.UniqueConstraint("content_hash", name="uq_model_versions_content_hash"),
    )
    op.create_index("ix_model_versions_model_id", "model_versions", ["model_id"])
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalog_hash", sa.String(64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_count", sa.Integer(), nullable=False),
        sa.Column("model_count", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_snapshots"),
    )
    op.create_index("ix_snapshots_catalog_hash", "snapshots", ["catalog_hash"])
    op.create_table(
        "snapshot_models",
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("model_version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"], ["snapshots.id"], name="fk_snapshot_models_snapshot_id_snapshots", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["model_version_id"], ["model_versions.id"], name="fk_snapshot_models_model_version_id_model_versions"
        ),
        sa.PrimaryKeyConstraint("snapshot_id", "model_version_id", name="pk_snapshot_models"),
    )
    op.create_index("ix_snapshot_models_model_version_id", "snapshot_models", ["model_version_id"])
    lock = op.create_table(
        "history_lock",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("writes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_history_lock"),
    )
    op.bulk_insert(lock, [{"id": 1, "writes": 0}])


def downgrade() -> None:
    op.drop_table("history_lock")
    op.drop_index("ix_snapshot_models_model_version_id", table_name="snapshot_models")
    op.drop_table("snapshot_models")
    op.drop_index("ix_snapshots_catalog_hash", table_name="snapshots")
    op.drop_table("snapshots")
    op.drop_index("ix_model_versions_model_id", table_name="model_versions")
    op.drop_table("model_versions")
