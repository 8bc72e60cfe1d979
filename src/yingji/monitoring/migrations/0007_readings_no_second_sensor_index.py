"""Readings and aggregates lose their single-column index on sensor: the unique (sensor, time) and (sensor, period,
start) serve every lookup by sensor, and the second index was one more B-tree written per reading. The indexes are
dropped by name (SQLite would otherwise copy the whole readings table to alter the field; on PostgreSQL the
partitioned readings table of 0002 never had one)."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {"monitoring_reading": "monitoring_reading_sensor_id_1896e32c",
           "monitoring_aggregate": "monitoring_aggregate_sensor_id_57e46234"}


def drop(apps, schema_editor):
    for name in INDEXES.values():
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create(apps, schema_editor):
    for table, name in INDEXES.items():
        if table == "monitoring_reading" and schema_editor.connection.vendor == "postgresql":
            continue  # 0002's partitioned table had none
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("sensor_id")')


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0006_alter_rule_notify_role'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='aggregate',
                    name='sensor',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name='+', to='monitoring.sensor'),
                ),
                migrations.AlterField(
                    model_name='reading',
                    name='sensor',
                    field=models.ForeignKey(db_constraint=False, db_index=False,
                                            on_delete=django.db.models.deletion.CASCADE, related_name='+',
                                            to='monitoring.sensor'),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create, elidable=False)],
        ),
    ]
