# Plan indicators 3.1 and 3.2 (core/indicators.py): who is full-time, who is established, who is qualified.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_attachment'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='staffing',
            field=models.CharField(blank=True, choices=[('full_time', '专职'), ('part_time', '兼职')], max_length=16, verbose_name='应急管理专兼职'),
        ),
        migrations.AddField(
            model_name='person',
            name='establishment',
            field=models.CharField(blank=True, choices=[('established', '在编'), ('outside', '编外')], max_length=16, verbose_name='编制'),
        ),
        migrations.AddField(
            model_name='person',
            name='qualification',
            field=models.CharField(blank=True, help_text='应急管理相关专业学历或注册安全工程师等职业资格；无则留空', max_length=200, verbose_name='专业学历或职业资格'),
        ),
    ]
