from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.vta.rules import Step
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_kvp_application')]

    initial = False

    operations = [
        ops.CreateModel(
            name='VtaPath',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.OneToOneField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='vta_path', on_delete=OnDelete.CASCADE)),
                ('step', fields.CharEnumField(description='INTERESTED: interested\nQUALIFICATION: qualification\nAPPLIED: applied\nGRANTED: granted\nSTARTED: started\nLEFT: left', enum_type=Step, max_length=16)),
                ('since', fields.DateField()),
                ('reason', fields.CharField(null=True, max_length=200)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'vta_path', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Where a participant stands on the joint AoK and iVekst path towards a VTA place.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='VtaPathStep',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('path', fields.ForeignKeyField('models.VtaPath', source_field='path_id', db_constraint=True, to_field='id', related_name='steps', on_delete=OnDelete.CASCADE)),
                ('step', fields.CharEnumField(description='INTERESTED: interested\nQUALIFICATION: qualification\nAPPLIED: applied\nGRANTED: granted\nSTARTED: started\nLEFT: left', enum_type=Step, max_length=16)),
                ('on', fields.DateField()),
                ('reason', fields.CharField(null=True, max_length=200)),
                ('actor', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'vta_path_step', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One dated step on the path: its history, kept.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='VtaPlacesCreated',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('on', fields.DateField()),
                ('count', fields.IntField()),
                ('location', fields.CharField(null=True, max_length=200)),
                ('note', fields.TextField(null=True, unique=False)),
                ('actor', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'vta_places_created', 'app': 'models', 'pk_attr': 'id', 'table_description': 'New VTA places established in the municipality on a day, towards the target.'},
            bases=['Model'],
        ),
    ]
