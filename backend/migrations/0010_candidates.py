from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.pathway.rules import EndReason, Referrer, Stage
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_participant_erased')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Business',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='businesses', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('contact_name', fields.CharField(null=True, max_length=200)),
                ('phone', fields.CharField(null=True, max_length=32)),
                ('email', fields.CharField(null=True, max_length=254)),
                ('offers', fields.TextField(null=True, unique=False)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'business', 'app': 'models', 'pk_attr': 'id', 'table_description': "A business or partner that offers work trials or places (seed 002's list)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Candidate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='candidates', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('birth_date', fields.DateField(null=True)),
                ('phone', fields.CharField(null=True, max_length=32)),
                ('email', fields.CharField(null=True, max_length=254)),
                ('referred_by', fields.CharEnumField(default=Referrer.OTHER, description='MENTAL_HEALTH: mental-health\nHOME_SERVICES: home-services\nHEALTH_INSTITUTION: health-institution\nCRISIS_CENTRE: crisis-centre\nSCHOOL: school\nNAV: nav\nSELF: self\nRELATIVE: relative\nOTHER: other', enum_type=Referrer, max_length=24)),
                ('follower', fields.ForeignKeyField('models.Staff', source_field='follower_id', null=True, db_constraint=True, to_field='id', related_name='candidates', on_delete=OnDelete.SET_NULL)),
                ('disability_benefit', fields.BooleanField(null=True)),
                ('waiting_for_benefit', fields.BooleanField(default=False)),
                ('consent_on', fields.DateField(null=True)),
                ('consent_scope', fields.TextField(null=True, unique=False)),
                ('consent_names_to_businesses', fields.BooleanField(default=False)),
                ('consent_withdrawn_on', fields.DateField(null=True)),
                ('mapping_on', fields.DateField(null=True)),
                ('mapping_note', fields.TextField(null=True, unique=False)),
                ('next_step', fields.TextField(null=True, unique=False)),
                ('next_step_on', fields.DateField(null=True)),
                ('follow_up_on', fields.DateField(null=True)),
                ('evaluation_on', fields.DateField(null=True)),
                ('stage', fields.CharEnumField(default=Stage.APPROACH, description='APPROACH: approach\nMAPPING: mapping\nWORK_TRIAL: work-trial\nWORK_TRAINING: work-training\nVTA: vta\nVTA_O: vta-o\nCARE_ASSISTANT: care-assistant\nFOLLOW_UP: follow-up\nENDED: ended', enum_type=Stage, max_length=16)),
                ('stage_pending', fields.BooleanField(default=False)),
                ('stage_since', fields.DateField()),
                ('end_reason', fields.CharEnumField(null=True, description='ORDINARY_WORK: ordinary-work\nEDUCATION: education\nOTHER_SERVICE: other-service\nOWN_WISH: own-wish\nHEALTH: health\nMOVED: moved\nNO_CONTACT: no-contact\nOTHER: other', enum_type=EndReason, max_length=16)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', null=True, db_constraint=True, to_field='id', related_name='candidates', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'candidate', 'app': 'models', 'pk_attr': 'id', 'table_description': "A person on the coordinators' pathway who is not (yet) a participant."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CandidateStage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('candidate', fields.ForeignKeyField('models.Candidate', source_field='candidate_id', db_constraint=True, to_field='id', related_name='stages', on_delete=OnDelete.CASCADE)),
                ('stage', fields.CharEnumField(description='APPROACH: approach\nMAPPING: mapping\nWORK_TRIAL: work-trial\nWORK_TRAINING: work-training\nVTA: vta\nVTA_O: vta-o\nCARE_ASSISTANT: care-assistant\nFOLLOW_UP: follow-up\nENDED: ended', enum_type=Stage, max_length=16)),
                ('pending', fields.BooleanField(default=False)),
                ('on', fields.DateField()),
                ('end_reason', fields.CharEnumField(null=True, description='ORDINARY_WORK: ordinary-work\nEDUCATION: education\nOTHER_SERVICE: other-service\nOWN_WISH: own-wish\nHEALTH: health\nMOVED: moved\nNO_CONTACT: no-contact\nOTHER: other', enum_type=EndReason, max_length=16)),
                ('actor', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'candidate_stage', 'app': 'models', 'pk_attr': 'id', 'table_description': "One dated stage change: the history the coordinators' report counts from."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Presentation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('candidate', fields.ForeignKeyField('models.Candidate', source_field='candidate_id', db_constraint=True, to_field='id', related_name='presentations', on_delete=OnDelete.CASCADE)),
                ('business', fields.ForeignKeyField('models.Business', source_field='business_id', db_constraint=True, to_field='id', related_name='presentations', on_delete=OnDelete.CASCADE)),
                ('on', fields.DateField()),
                ('named', fields.BooleanField(default=False)),
                ('outcome', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'presentation', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A candidate presented to a business: anonymously until consent allows the name.'},
            bases=['Model'],
        ),
    ]
