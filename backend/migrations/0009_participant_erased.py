from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_lease')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Participant',
            name='erased_at',
            field=fields.DatetimeField(null=True),
        ),
    ]
