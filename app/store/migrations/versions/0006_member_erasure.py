"""member erasure: an erasure notice may name one person of the family (issue 14 §3)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 13:25:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('erasure_notice', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('person_digest', sa.String(length=64), server_default='', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('erasure_notice', schema=None) as batch_op:
        batch_op.drop_column('person_digest')
