from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0014_vta_path')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Candidate',
            name='wishes',
            field=fields.TextField(null=True, unique=False),
        ),
    ]
