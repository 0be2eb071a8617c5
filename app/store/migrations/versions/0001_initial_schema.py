"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 12:21:25.338546
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=25), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sa.UniqueConstraint('device_id', 'seq', name=op.f('uq_audit_event_device_id_seq'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_family_id'), ['family_id'], unique=False)

    op.create_table('device',
    sa.Column('device_id', sa.String(length=32), nullable=False),
    sa.Column('is_self', sa.Boolean(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('unit_code', sa.String(length=7), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('worker_name', sa.String(length=200), nullable=False),
    sa.Column('signing_public', sa.LargeBinary(), nullable=False),
    sa.Column('signing_private', sa.LargeBinary(), nullable=True),
    sa.Column('age_recipient', sa.String(length=100), nullable=False),
    sa.Column('age_identity', sa.String(length=120), nullable=True),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.Column('registered_at', sa.String(length=25), nullable=False),
    sa.Column('last_clock', sa.String(length=48), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_device'))
    )
    op.create_table('draft',
    sa.Column('form_key', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.String(length=25), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('form_key', name=op.f('pk_draft'))
    )
    op.create_table('family',
    sa.Column('case_number', sa.String(length=40), nullable=False),
    sa.Column('gmina_code', sa.String(length=7), nullable=False),
    sa.Column('locality', sa.String(length=100), nullable=False),
    sa.Column('locality_folded', sa.String(length=100), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('house_number', sa.String(length=20), nullable=False),
    sa.Column('flat_number', sa.String(length=20), nullable=False),
    sa.Column('postal_code', sa.String(length=6), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('lead_worker', sa.String(length=200), nullable=False),
    sa.Column('head_name', sa.String(length=200), nullable=False),
    sa.Column('head_name_folded', sa.String(length=200), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closure_note', sa.Text(), nullable=False),
    sa.Column('retention_class', sa.String(length=8), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family'))
    )
    with op.batch_alter_table('family', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_case_number'), ['case_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_gmina_code'), ['gmina_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_head_name_folded'), ['head_name_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_locality_folded'), ['locality_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_version'), ['version'], unique=False)

    op.create_table('institution',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('sector_code', sa.String(length=32), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('teryt_code', sa.String(length=7), nullable=False),
    sa.Column('nip', sa.String(length=10), nullable=False),
    sa.Column('regon', sa.String(length=14), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=6), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('contact_person', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institution'))
    )
    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institution_sector_code'), ['sector_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_institution_version'), ['version'], unique=False)

    op.create_table('ref_help_reason',
    sa.Column('legal_basis', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label_pl', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_ref_help_reason'))
    )
    op.create_table('ref_life_domain',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label_pl', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_ref_life_domain'))
    )
    op.create_table('ref_sector',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label_pl', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_ref_sector'))
    )
    op.create_table('ref_service_area',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label_pl', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_ref_service_area'))
    )
    op.create_table('ref_terc',
    sa.Column('code', sa.String(length=7), nullable=False),
    sa.Column('woj', sa.String(length=2), nullable=False),
    sa.Column('pow', sa.String(length=2), nullable=False),
    sa.Column('gmi', sa.String(length=2), nullable=False),
    sa.Column('rodz', sa.String(length=1), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_folded', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('level', sa.String(length=12), nullable=False),
    sa.Column('valid_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_ref_terc'))
    )
    with op.batch_alter_table('ref_terc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ref_terc_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_ref_terc_name_folded'), ['name_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_ref_terc_woj'), ['woj'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('attachment',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('filename', sa.String(length=260), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_attachment_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_version'), ['version'], unique=False)

    op.create_table('case_team_member',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('function', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_case_team_member_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_case_team_member_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_team_member'))
    )
    with op.batch_alter_table('case_team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_team_member_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_team_member_version'), ['version'], unique=False)

    op.create_table('cooperation_team',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('teryt_code', sa.String(length=7), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('lead_institution_id', sa.String(length=36), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['lead_institution_id'], ['institution.id'], name=op.f('fk_cooperation_team_lead_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cooperation_team'))
    )
    with op.batch_alter_table('cooperation_team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cooperation_team_version'), ['version'], unique=False)

    op.create_table('diagnosis',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('causes', sa.Text(), nullable=False),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('weaknesses', sa.Text(), nullable=False),
    sa.Column('resources', sa.Text(), nullable=False),
    sa.Column('deficits', sa.Text(), nullable=False),
    sa.Column('needs', sa.Text(), nullable=False),
    sa.Column('expectations', sa.Text(), nullable=False),
    sa.Column('family_view', sa.Text(), nullable=False),
    sa.Column('conclusions', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('finalized', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_diagnosis_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnosis'))
    )
    with op.batch_alter_table('diagnosis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diagnosis_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_diagnosis_version'), ['version'], unique=False)

    op.create_table('family_reason',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('reason_code', sa.String(length=8), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_family_reason_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_reason'))
    )
    with op.batch_alter_table('family_reason', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_reason_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_family_reason_version'), ['version'], unique=False)

    op.create_table('person',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('last_name_folded', sa.String(length=100), nullable=False),
    sa.Column('pesel', sa.String(length=11), nullable=False),
    sa.Column('document_type', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=40), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('disability', sa.String(length=12), nullable=False),
    sa.Column('disability_until', sa.Date(), nullable=True),
    sa.Column('education', sa.String(length=20), nullable=False),
    sa.Column('employment', sa.String(length=24), nullable=False),
    sa.Column('school', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('health_notes', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_person_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_last_name_folded'), ['last_name_folded'], unique=False)
        batch_op.create_index('ix_person_name_birth', ['last_name_folded', 'birth_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_pesel'), ['pesel'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_version'), ['version'], unique=False)

    op.create_table('service',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('area_code', sa.String(length=32), nullable=False),
    sa.Column('sector_code', sa.String(length=32), nullable=False),
    sa.Column('provider_institution_id', sa.String(length=36), nullable=True),
    sa.Column('legal_basis', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['provider_institution_id'], ['institution.id'], name=op.f('fk_service_provider_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service'))
    )
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_version'), ['version'], unique=False)

    op.create_table('support_plan',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('main_goal', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('review_every_days', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_support_plan_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_plan'))
    )
    with op.batch_alter_table('support_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_plan_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_plan_version'), ['version'], unique=False)

    op.create_table('visit',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('visit_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('purpose', sa.String(length=300), nullable=False),
    sa.Column('present', sa.String(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('worker', sa.String(length=200), nullable=False),
    sa.Column('next_visit_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_visit_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_version'), ['version'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_visit_on'), ['visit_on'], unique=False)

    op.create_table('agreement',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('obligations', sa.Text(), nullable=False),
    sa.Column('data_sharing', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['cooperation_team.id'], name=op.f('fk_agreement_team_id_cooperation_team'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_version'), ['version'], unique=False)

    op.create_table('commitment',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_commitment_person_id_person'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['support_plan.id'], name=op.f('fk_commitment_plan_id_support_plan'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment'))
    )
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_version'), ['version'], unique=False)

    op.create_table('consent',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('withdrawal_note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_consent_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_consent_person_id_person'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_version'), ['version'], unique=False)

    op.create_table('diagnosis_participant',
    sa.Column('diagnosis_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnosis.id'], name=op.f('fk_diagnosis_participant_diagnosis_id_diagnosis'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_diagnosis_participant_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_diagnosis_participant_person_id_person'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnosis_participant'))
    )
    with op.batch_alter_table('diagnosis_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diagnosis_participant_diagnosis_id'), ['diagnosis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_diagnosis_participant_version'), ['version'], unique=False)

    op.create_table('domain_rating',
    sa.Column('diagnosis_id', sa.String(length=36), nullable=False),
    sa.Column('domain_code', sa.String(length=32), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnosis.id'], name=op.f('fk_domain_rating_diagnosis_id_diagnosis'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_domain_rating'))
    )
    with op.batch_alter_table('domain_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_domain_rating_diagnosis_id'), ['diagnosis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_domain_rating_version'), ['version'], unique=False)

    op.create_table('goal',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('domain_code', sa.String(length=32), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('baseline', sa.Integer(), nullable=False),
    sa.Column('level_m2', sa.Text(), nullable=False),
    sa.Column('level_m1', sa.Text(), nullable=False),
    sa.Column('level_0', sa.Text(), nullable=False),
    sa.Column('level_p1', sa.Text(), nullable=False),
    sa.Column('level_p2', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['support_plan.id'], name=op.f('fk_goal_plan_id_support_plan'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_version'), ['version'], unique=False)

    op.create_table('review',
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('present', sa.String(length=500), nullable=False),
    sa.Column('family_attended', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('family_opinion', sa.Text(), nullable=False),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], name=op.f('fk_review_family_id_family'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['support_plan.id'], name=op.f('fk_review_plan_id_support_plan'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index('ix_review_family_next', ['family_id', 'next_review_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_next_review_on'), ['next_review_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_version'), ['version'], unique=False)

    op.create_table('team_meeting',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['cooperation_team.id'], name=op.f('fk_team_meeting_team_id_cooperation_team'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_meeting'))
    )
    with op.batch_alter_table('team_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_meeting_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_meeting_version'), ['version'], unique=False)

    op.create_table('team_membership',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=False),
    sa.Column('representative', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_team_membership_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['team_id'], ['cooperation_team.id'], name=op.f('fk_team_membership_team_id_cooperation_team'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_membership'))
    )
    with op.batch_alter_table('team_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_membership_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_membership_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_membership_version'), ['version'], unique=False)

    op.create_table('action',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('goal_id', sa.String(length=36), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=True),
    sa.Column('sector_code', sa.String(length=32), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible_person', sa.String(length=200), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('frequency', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('drop_reason', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_action_goal_id_goal'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_action_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['support_plan.id'], name=op.f('fk_action_plan_id_support_plan'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_action_service_id_service'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_version'), ['version'], unique=False)

    op.create_table('agreement_party',
    sa.Column('agreement_id', sa.String(length=36), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=False),
    sa.Column('representative', sa.String(length=200), nullable=False),
    sa.Column('function', sa.String(length=200), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_agreement_party_agreement_id_agreement'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_agreement_party_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_party'))
    )
    with op.batch_alter_table('agreement_party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_party_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_party_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_party_version'), ['version'], unique=False)

    op.create_table('consent_recipient',
    sa.Column('consent_id', sa.String(length=36), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_consent_recipient_consent_id_consent'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_consent_recipient_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_recipient'))
    )
    with op.batch_alter_table('consent_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_recipient_consent_id'), ['consent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_recipient_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_recipient_version'), ['version'], unique=False)

    op.create_table('goal_score',
    sa.Column('review_id', sa.String(length=36), nullable=False),
    sa.Column('goal_id', sa.String(length=36), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_score_goal_id_goal'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_goal_score_review_id_review'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_score'))
    )
    with op.batch_alter_table('goal_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_score_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_score_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_score_version'), ['version'], unique=False)

    op.create_table('meeting_attendance',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('institution_id', sa.String(length=36), nullable=False),
    sa.Column('person_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_meeting_attendance_institution_id_institution'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['team_meeting.id'], name=op.f('fk_meeting_attendance_meeting_id_team_meeting'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendance'))
    )
    with op.batch_alter_table('meeting_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendance_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendance_version'), ['version'], unique=False)

    op.create_table('review_domain_rating',
    sa.Column('review_id', sa.String(length=36), nullable=False),
    sa.Column('domain_code', sa.String(length=32), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_review_domain_rating_review_id_review'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_domain_rating'))
    )
    with op.batch_alter_table('review_domain_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_domain_rating_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_domain_rating_version'), ['version'], unique=False)

    op.create_table('action_status_entry',
    sa.Column('review_id', sa.String(length=36), nullable=False),
    sa.Column('action_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.String(length=48), nullable=False),
    sa.Column('origin_device', sa.String(length=32), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.text('0'), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_status_entry_action_id_action'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_action_status_entry_review_id_review'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_status_entry'))
    )
    with op.batch_alter_table('action_status_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_status_entry_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_status_entry_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_status_entry_version'), ['version'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('action_status_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_status_entry_version'))
        batch_op.drop_index(batch_op.f('ix_action_status_entry_review_id'))
        batch_op.drop_index(batch_op.f('ix_action_status_entry_action_id'))

    op.drop_table('action_status_entry')
    with op.batch_alter_table('review_domain_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_domain_rating_version'))
        batch_op.drop_index(batch_op.f('ix_review_domain_rating_review_id'))

    op.drop_table('review_domain_rating')
    with op.batch_alter_table('meeting_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendance_version'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendance_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendance_institution_id'))

    op.drop_table('meeting_attendance')
    with op.batch_alter_table('goal_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_score_version'))
        batch_op.drop_index(batch_op.f('ix_goal_score_review_id'))
        batch_op.drop_index(batch_op.f('ix_goal_score_goal_id'))

    op.drop_table('goal_score')
    with op.batch_alter_table('consent_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_recipient_version'))
        batch_op.drop_index(batch_op.f('ix_consent_recipient_institution_id'))
        batch_op.drop_index(batch_op.f('ix_consent_recipient_consent_id'))

    op.drop_table('consent_recipient')
    with op.batch_alter_table('agreement_party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_party_version'))
        batch_op.drop_index(batch_op.f('ix_agreement_party_institution_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_party_agreement_id'))

    op.drop_table('agreement_party')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_version'))
        batch_op.drop_index(batch_op.f('ix_action_status'))
        batch_op.drop_index(batch_op.f('ix_action_plan_id'))
        batch_op.drop_index(batch_op.f('ix_action_institution_id'))
        batch_op.drop_index(batch_op.f('ix_action_goal_id'))

    op.drop_table('action')
    with op.batch_alter_table('team_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_membership_version'))
        batch_op.drop_index(batch_op.f('ix_team_membership_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_membership_institution_id'))

    op.drop_table('team_membership')
    with op.batch_alter_table('team_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_meeting_version'))
        batch_op.drop_index(batch_op.f('ix_team_meeting_team_id'))

    op.drop_table('team_meeting')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_version'))
        batch_op.drop_index('ix_review_family_next')
        batch_op.drop_index(batch_op.f('ix_review_plan_id'))
        batch_op.drop_index(batch_op.f('ix_review_next_review_on'))
        batch_op.drop_index(batch_op.f('ix_review_held_on'))
        batch_op.drop_index(batch_op.f('ix_review_family_id'))

    op.drop_table('review')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_version'))
        batch_op.drop_index(batch_op.f('ix_goal_plan_id'))

    op.drop_table('goal')
    with op.batch_alter_table('domain_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_domain_rating_version'))
        batch_op.drop_index(batch_op.f('ix_domain_rating_diagnosis_id'))

    op.drop_table('domain_rating')
    with op.batch_alter_table('diagnosis_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diagnosis_participant_version'))
        batch_op.drop_index(batch_op.f('ix_diagnosis_participant_diagnosis_id'))

    op.drop_table('diagnosis_participant')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_version'))
        batch_op.drop_index(batch_op.f('ix_consent_family_id'))

    op.drop_table('consent')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_version'))
        batch_op.drop_index(batch_op.f('ix_commitment_plan_id'))

    op.drop_table('commitment')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_version'))
        batch_op.drop_index(batch_op.f('ix_agreement_team_id'))

    op.drop_table('agreement')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_visit_on'))
        batch_op.drop_index(batch_op.f('ix_visit_version'))
        batch_op.drop_index(batch_op.f('ix_visit_family_id'))

    op.drop_table('visit')
    with op.batch_alter_table('support_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_plan_version'))
        batch_op.drop_index(batch_op.f('ix_support_plan_family_id'))

    op.drop_table('support_plan')
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_version'))
        batch_op.drop_index(batch_op.f('ix_service_area_code'))

    op.drop_table('service')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_version'))
        batch_op.drop_index(batch_op.f('ix_person_pesel'))
        batch_op.drop_index('ix_person_name_birth')
        batch_op.drop_index(batch_op.f('ix_person_last_name_folded'))
        batch_op.drop_index(batch_op.f('ix_person_family_id'))

    op.drop_table('person')
    with op.batch_alter_table('family_reason', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_reason_version'))
        batch_op.drop_index(batch_op.f('ix_family_reason_family_id'))

    op.drop_table('family_reason')
    with op.batch_alter_table('diagnosis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diagnosis_version'))
        batch_op.drop_index(batch_op.f('ix_diagnosis_family_id'))

    op.drop_table('diagnosis')
    with op.batch_alter_table('cooperation_team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cooperation_team_version'))

    op.drop_table('cooperation_team')
    with op.batch_alter_table('case_team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_team_member_version'))
        batch_op.drop_index(batch_op.f('ix_case_team_member_family_id'))

    op.drop_table('case_team_member')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_version'))
        batch_op.drop_index(batch_op.f('ix_attachment_family_id'))

    op.drop_table('attachment')
    op.drop_table('setting')
    with op.batch_alter_table('ref_terc', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ref_terc_woj'))
        batch_op.drop_index(batch_op.f('ix_ref_terc_name_folded'))
        batch_op.drop_index(batch_op.f('ix_ref_terc_level'))

    op.drop_table('ref_terc')
    op.drop_table('ref_service_area')
    op.drop_table('ref_sector')
    op.drop_table('ref_life_domain')
    op.drop_table('ref_help_reason')
    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_institution_version'))
        batch_op.drop_index(batch_op.f('ix_institution_sector_code'))

    op.drop_table('institution')
    with op.batch_alter_table('family', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_version'))
        batch_op.drop_index(batch_op.f('ix_family_status'))
        batch_op.drop_index(batch_op.f('ix_family_locality_folded'))
        batch_op.drop_index(batch_op.f('ix_family_head_name_folded'))
        batch_op.drop_index(batch_op.f('ix_family_gmina_code'))
        batch_op.drop_index(batch_op.f('ix_family_case_number'))

    op.drop_table('family')
    op.drop_table('draft')
    op.drop_table('device')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_family_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_device_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
