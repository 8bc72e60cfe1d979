from django.db import migrations, models


def keep_catalogue_readers(apps, schema_editor):
    """Partners that could read the catalogue before allow-lists existed keep reading it; nothing else is granted."""
    Partner = apps.get_model("exchange", "Partner")
    for partner in Partner.objects.all():
        if "catalogue:read" in (partner.scopes or []):
            partner.read_feeds = ["catalogue"]
            partner.save(update_fields=["read_feeds"])


class Migration(migrations.Migration):

    dependencies = [
        ('exchange', '0002_partner_document'),
    ]

    operations = [
        migrations.AddField(
            model_name='partner',
            name='read_feeds',
            field=models.JSONField(blank=True, default=list, help_text='该伙伴可通过接口读取的数据（默认不可读取任何数据）', verbose_name='可读取的数据'),
        ),
        migrations.RunPython(keep_catalogue_readers, migrations.RunPython.noop),
    ]
