from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.intake.rules import EvaluationOutcome, Recommendation
from backend.people.eligibility_rules import Programme
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0011_pupil_register')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Evaluation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='evaluations', on_delete=OnDelete.CASCADE)),
                ('held_on', fields.DateField()),
                ('outcome', fields.CharEnumField(description='CONTINUE: continue\nADJUST: adjust\nEND: end', enum_type=EvaluationOutcome, max_length=16)),
                ('note', fields.CharField(null=True, max_length=500)),
                ('next_evaluation', fields.DateField(null=True)),
                ('recorded_by', fields.CharField(max_length=80)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'evaluation', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An evaluation conversation held, its outcome and the next date set.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FinalReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='final_reports', on_delete=OnDelete.CASCADE)),
                ('period_start', fields.DateField()),
                ('period_end', fields.DateField()),
                ('planned_days', fields.IntField()),
                ('present_days', fields.IntField()),
                ('absent_days', fields.IntField()),
                ('goals', fields.TextField(unique=False)),
                ('what_worked', fields.TextField(unique=False)),
                ('work_ability', fields.TextField(unique=False)),
                ('recommendation', fields.CharEnumField(description='ORDINARY_WORK: ordinary_work\nFURTHER_TRAINING: further_training\nVTA: vta\nOTHER: other\nEND: end', enum_type=Recommendation, max_length=24)),
                ('recommendation_note', fields.TextField(null=True, unique=False)),
                ('written_by', fields.CharField(max_length=200)),
                ('recorded_by', fields.CharField(max_length=80)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'final_report', 'app': 'models', 'pk_attr': 'id', 'table_description': "The final report to NAV at the agreement's end, with the attendance as it was."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Intake',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='intakes', on_delete=OnDelete.CASCADE)),
                ('referred_on', fields.DateField()),
                ('counsellor', fields.CharField(max_length=200)),
                ('contact', fields.ForeignKeyField('models.Staff', source_field='contact_id', null=True, db_constraint=True, to_field='id', related_name='intakes', on_delete=OnDelete.SET_NULL)),
                ('conversation_on', fields.DateField()),
                ('nav_took_part', fields.BooleanField(default=True)),
                ('programme', fields.CharEnumField(description='AOK: aok\nVTA: vta\nVTA_O: vta-o\nKVP: kvp\nWORK_TRAINING: work-training\nACTIVITY_PLACE: activity-place', enum_type=Programme, max_length=16)),
                ('agreement_start', fields.DateField()),
                ('agreement_end', fields.DateField()),
                ('weekdays', fields.CharField(max_length=13)),
                ('day_start', fields.CharField(max_length=5)),
                ('day_end', fields.CharField(max_length=5)),
                ('purpose', fields.TextField(unique=False)),
                ('first_list', fields.DateField()),
                ('first_evaluation', fields.DateField()),
                ('recorded_by', fields.CharField(max_length=80)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'intake', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An intake through NAV: the referral, the intake conversation and the agreement.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MeetingMinutes',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('meeting', fields.OneToOneField('models.Meeting', source_field='meeting_id', db_constraint=True, to_field='id', related_name='minutes', on_delete=OnDelete.CASCADE)),
                ('text', fields.TextField(unique=False)),
                ('present', fields.TextField(unique=False)),
                ('next_meeting', fields.DateField(null=True)),
                ('recorded_by', fields.CharField(max_length=80)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'meeting_minutes', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The minutes of a NAV cooperation meeting, sent to both leaders.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Unit',
            name='nav_leader_email',
            field=fields.CharField(null=True, max_length=254),
        ),
    ]
