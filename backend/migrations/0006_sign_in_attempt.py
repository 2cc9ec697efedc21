from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_pupil_since')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SignInAttempt',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('remote', fields.CharField(db_index=True, max_length=64)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'sign_in_attempt', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A refused sign-in from an address: many in a while hold that address back.'},
            bases=['Model'],
        ),
    ]
