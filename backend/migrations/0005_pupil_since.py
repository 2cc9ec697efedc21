from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_roster_page')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Participant',
            name='pupil_since',
            field=fields.DateField(null=True),
        ),
    ]
