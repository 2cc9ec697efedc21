from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.updates.rules import UpdateState
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_sign_in_attempt')]

    initial = False

    operations = [
        ops.CreateModel(
            name='HandledUpdate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('update_id', fields.BigIntField(unique=True)),
                ('state', fields.CharEnumField(default=UpdateState.HANDLING, description='HANDLING: handling\nDONE: done', enum_type=UpdateState, max_length=16)),
                ('holder', fields.CharField(max_length=128)),
                ('heartbeat_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('done_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'handled_update', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A Telegram update taken by a replica: being handled (with a heartbeat) or done.'},
            bases=['Model'],
        ),
    ]
