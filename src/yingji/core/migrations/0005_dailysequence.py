from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_user_must_change_password"),
    ]

    operations = [
        migrations.CreateModel(
            name="DailySequence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prefix", models.CharField(max_length=8, verbose_name="前缀")),
                ("day", models.DateField(verbose_name="日期")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="最后编号")),
            ],
            options={"verbose_name": "每日编号", "verbose_name_plural": "每日编号"},
        ),
        migrations.AddConstraint(
            model_name="dailysequence",
            constraint=models.UniqueConstraint(fields=("prefix", "day"), name="core_dailysequence_prefix_day"),
        ),
    ]
