from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0017_checkin')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Participant',
            name='read_aloud',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='TelegramLink',
            name='read_aloud',
            field=fields.BooleanField(default=False, db_default=False),
        ),
    ]
