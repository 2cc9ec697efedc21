from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_participant_messages')]

    initial = False

    operations = [
        ops.AddField(
            model_name='RosterMessage',
            name='page',
            field=fields.SmallIntField(default=0),
        ),
    ]
