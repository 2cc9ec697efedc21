from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_handled_update')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Lease',
            fields=[
                ('name', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('holder', fields.CharField(max_length=128)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'lease', 'app': 'models', 'pk_attr': 'name', 'table_description': 'Who leads the timed work until when: one row per lease, taken by a conditional write.'},
            bases=['Model'],
        ),
    ]
