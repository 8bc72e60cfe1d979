from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("channels", "0003_lean_message_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="message",
            index=models.Index(condition=models.Q(("contacts__has_key", "username")), fields=["address", "created"],
                               name="channels_msg_to_account"),
        ),
    ]
