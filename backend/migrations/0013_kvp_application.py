from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0012_intake')]

    initial = False

    operations = [
        ops.CreateModel(
            name='KvpApplication',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='kvp_applications', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('birth_date', fields.DateField()),
                ('counsellor', fields.ForeignKeyField('models.Staff', source_field='counsellor_id', null=True, db_constraint=True, to_field='id', related_name='kvp_applications', on_delete=OnDelete.SET_NULL)),
                ('received_on', fields.DateField()),
                ('aev_on', fields.DateField(null=True)),
                ('decided_on', fields.DateField(null=True)),
                ('approved', fields.BooleanField(null=True)),
                ('refusal_reason', fields.TextField(null=True, unique=False)),
                ('approved_on', fields.DateField(null=True)),
                ('started_on', fields.DateField(null=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', null=True, db_constraint=True, to_field='id', related_name='kvp_applications', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kvp_application', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An application for the qualification programme (KVP), from received to started.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='KvpDecisionPeriod',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.KvpApplication', source_field='application_id', db_constraint=True, to_field='id', related_name='periods', on_delete=OnDelete.CASCADE)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kvp_decision_period', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A KVP decision period, up to a year, renewed by a new one.'},
            bases=['Model'],
        ),
    ]
