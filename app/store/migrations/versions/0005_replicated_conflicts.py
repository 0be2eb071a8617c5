"""replicated conflicts: the side taken, the resolution's stamp, a change counter per entry, the
notice of a value replaced elsewhere; per peer the counter it acknowledged, per bundle the one sent

Open conflicts found before this revision get counter 1, so they travel in the next bundle to
every peer; conflicts resolved before it keep 0 (their resolution has no stamp to travel with).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:41:56.424720
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chosen_stamp', sa.String(length=48), server_default='', nullable=False))
        batch_op.add_column(sa.Column('resolved_stamp', sa.String(length=48), server_default='', nullable=False))
        batch_op.add_column(sa.Column('rev', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('replaced', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('replaced_seen', sa.Boolean(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_sync_conflict_rev'), ['rev'], unique=False)

    with op.batch_alter_table('sync_peer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conflicts_acked', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('sync_sent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conflict_rev', sa.Integer(), server_default='0', nullable=False))

    op.execute(
        "UPDATE sync_conflict SET chosen_stamp = CASE resolution WHEN 'mine' THEN mine_stamp "
        "WHEN 'theirs' THEN theirs_stamp ELSE '' END"
    )
    op.execute("UPDATE sync_conflict SET rev = 1 WHERE status = 'open'")


def downgrade() -> None:
    with op.batch_alter_table('sync_sent', schema=None) as batch_op:
        batch_op.drop_column('conflict_rev')

    with op.batch_alter_table('sync_peer', schema=None) as batch_op:
        batch_op.drop_column('conflicts_acked')

    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_rev'))
        batch_op.drop_column('replaced_seen')
        batch_op.drop_column('replaced')
        batch_op.drop_column('rev')
        batch_op.drop_column('resolved_stamp')
        batch_op.drop_column('chosen_stamp')

