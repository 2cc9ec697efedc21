from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_relative_sees_pay')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ParticipantMessage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('participant', fields.ForeignKeyField('models.Participant', source_field='participant_id', db_constraint=True, to_field='id', related_name='messages', on_delete=OnDelete.CASCADE)),
                ('text', fields.TextField(null=True, unique=False)),
                ('voice', fields.BinaryField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'participant_message', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A message or voice note from a participant to the contact person, kept for the web.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Unit',
            name='messages_in_chat',
            field=fields.BooleanField(default=False),
        ),
    ]
