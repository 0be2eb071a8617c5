"""rodo erasure: erasure notices and receipts, the erased-row list, audit chain v2 commitments

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:54:19.902329
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('erased_row',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('erasure_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('digest', name=op.f('pk_erased_row'))
    )
    with op.batch_alter_table('erased_row', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erased_row_erasure_id'), ['erasure_id'], unique=False)

    op.create_table('erasure_notice',
    sa.Column('family_digest', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(length=32), nullable=False),
    sa.Column('erased_at', sa.String(length=25), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('holders', sa.Text(), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_notice'))
    )
    with op.batch_alter_table('erasure_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_notice_family_digest'), ['family_digest'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_notice_version'), ['version'], unique=False)

    op.create_table('erasure_receipt',
    sa.Column('erasure_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('confirmed_at', sa.String(length=25), nullable=False),
    sa.Column('forwarded_to', sa.Text(), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_receipt'))
    )
    with op.batch_alter_table('erasure_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_receipt_erasure_id'), ['erasure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_receipt_version'), ['version'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nonce', sa.String(length=32), server_default='', nullable=False))
        batch_op.add_column(sa.Column('family_c', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('record_c', sa.String(length=64), server_default='', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('record_c')
        batch_op.drop_column('family_c')
        batch_op.drop_column('nonce')

    with op.batch_alter_table('erasure_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_receipt_version'))
        batch_op.drop_index(batch_op.f('ix_erasure_receipt_erasure_id'))

    op.drop_table('erasure_receipt')
    with op.batch_alter_table('erasure_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_notice_version'))
        batch_op.drop_index(batch_op.f('ix_erasure_notice_family_digest'))

    op.drop_table('erasure_notice')
    with op.batch_alter_table('erased_row', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erased_row_erasure_id'))

    op.drop_table('erased_row')
