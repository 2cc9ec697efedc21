from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0016_calendar_feed')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ParticipantPicture',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.OneToOneField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='picture', on_delete=OnDelete.CASCADE)),
                ('symbol', fields.CharField(null=True, max_length=16)),
                ('photo', fields.BinaryField(null=True)),
                ('photo_consent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('photo_consent_by', fields.CharField(null=True, max_length=80)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'participant_picture', 'app': 'models', 'pk_attr': 'id', 'table_description': "What a participant's tile on the tablet shows: a chosen symbol, or a photo (consent kept)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Tablet',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='tablets', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('paired_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('paired_by', fields.CharField(max_length=80)),
                ('last_seen_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('unpaired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'tablet', 'app': 'models', 'pk_attr': 'id', 'table_description': "A unit's tablet at the door, paired once with a one-time code (only its token's hash is kept)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CheckIn',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='check_ins', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('in_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('out_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('in_key', fields.CharField(max_length=64)),
                ('out_key', fields.CharField(null=True, max_length=64)),
                ('tablet', fields.ForeignKeyField('models.Tablet', source_field='tablet_id', null=True, db_constraint=True, to_field='id', related_name='check_ins', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'check_in', 'app': 'models', 'unique_together': (('participant', 'day'),), 'pk_attr': 'id', 'table_description': "A participant's arrival and leaving as tapped on the tablet: a proposal for staff."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TabletPairing',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='tablet_pairings', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('code_hash', fields.CharField(db_index=True, max_length=64)),
                ('made_by', fields.CharField(max_length=80)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'tablet_pairing', 'app': 'models', 'pk_attr': 'id', 'table_description': "A one-time pairing code for a unit's tablet (hashed, ten minutes, single use)."},
            bases=['Model'],
        ),
    ]
