from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from backend.models.pupils import no_needs
from backend.pupils.rules import ClassYear
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0010_candidates')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Pupil',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='pupils', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('birth_date', fields.DateField()),
                ('school', fields.CharField(max_length=200)),
                ('class_year', fields.CharEnumField(description='VG1: vg1\nVG2: vg2\nVG3: vg3', enum_type=ClassYear, max_length=8)),
                ('expected_end', fields.DateField()),
                ('consent_given_on', fields.DateField(null=True)),
                ('consent_withdrawn_on', fields.DateField(null=True)),
                ('share_name', fields.BooleanField(default=False)),
                ('needs', fields.JSONField(default=no_needs, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('note', fields.CharField(null=True, max_length=500)),
                ('registered_on', fields.DateField()),
                ('ended_on', fields.DateField(null=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', null=True, db_constraint=True, to_field='id', related_name='pupil_entries', on_delete=OnDelete.SET_NULL)),
                ('candidate', fields.ForeignKeyField('models.Candidate', source_field='candidate_id', null=True, db_constraint=True, to_field='id', related_name='pupil_entries', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'pupil', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A pupil in upper secondary school known to the unit, not a participant.'},
            bases=['Model'],
        ),
    ]
