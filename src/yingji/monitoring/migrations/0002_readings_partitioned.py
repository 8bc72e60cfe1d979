"""On PostgreSQL the readings table becomes a table partitioned by month (UTC months) with a BRIN index on time and
a default partition; this month's and the next months' partitions are made here and then by a daily hook
(storage.ensure_partitions). SQLite keeps the table of 0001 (same columns, same unique (sensor, time))."""

from django.db import migrations
from django.utils import timezone

from yingji.monitoring.storage import ensure_partitions

TABLE = """
DROP TABLE monitoring_reading;
CREATE TABLE monitoring_reading (
    id bigserial NOT NULL,
    sensor_id bigint NOT NULL,
    time timestamp with time zone NOT NULL,
    value double precision NOT NULL,
    received timestamp with time zone NOT NULL,
    PRIMARY KEY (id, time),
    CONSTRAINT monitoring_reading_once UNIQUE (sensor_id, time)
) PARTITION BY RANGE (time);
CREATE INDEX monitoring_reading_time_brin ON monitoring_reading USING brin (time);
CREATE TABLE monitoring_reading_default PARTITION OF monitoring_reading DEFAULT;
"""


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TABLE)
    ensure_partitions(timezone.now().date(), ahead=3)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        migrations.RunSQL("CREATE UNIQUE INDEX monitoring_station_device_once ON monitoring_station (device_id)",
                          "DROP INDEX monitoring_station_device_once"),
        migrations.RunPython(partition, migrations.RunPython.noop, elidable=False),
    ]
