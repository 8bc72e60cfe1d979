"""Contracts of the census app's hand-written endpoints."""

from rest_framework import serializers


class MarkInSerializer(serializers.Serializer):
    household = serializers.CharField(help_text="建档立卡户编码（code）")
    mark = serializers.CharField(
        help_text="transferred（已转移）| refused（拒绝转移）| not_found（未找到）| returned（已返回）")
    note = serializers.CharField(required=False, allow_blank=True)
    submission_key = serializers.UUIDField(required=False, help_text="客户端生成的 UUID：同一编号重复提交只记一次")


class MarkOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    household = serializers.CharField()
    mark = serializers.CharField()
    people = serializers.IntegerField()
    shelter = serializers.CharField(allow_null=True)
    at = serializers.DateTimeField()
    repeated = serializers.BooleanField(help_text="true：该提交编号此前已记录，返回的是第一次的结果")


class TallySerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField(allow_blank=True)
    households = serializers.IntegerField()
    people = serializers.IntegerField()
    moved_people = serializers.IntegerField()
    percent = serializers.FloatField()
    transferred = serializers.IntegerField()
    refused = serializers.IntegerField()
    not_found = serializers.IntegerField()
    returned = serializers.IntegerField()
    pending = serializers.IntegerField()


class ShelterRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    occupancy = serializers.IntegerField()
    capacity = serializers.IntegerField()
    over = serializers.BooleanField()


class InsideSerializer(serializers.Serializer):
    household = serializers.CharField()
    name = serializers.CharField()
    village = serializers.CharField()
    members = serializers.IntegerField()
    state = serializers.CharField(allow_null=True, help_text="null：待转移")


class ProgressSerializer(serializers.Serializer):
    total = TallySerializer()
    villages = TallySerializer(many=True)
    shelters = ShelterRowSerializer(many=True)
    inside_count = serializers.IntegerField()
    inside = InsideSerializer(many=True)


class ShareSerializer(serializers.Serializer):
    name = serializers.CharField()
    people = serializers.IntegerField()
    covered = serializers.IntegerField()
    within_8h = serializers.IntegerField()
    percent = serializers.FloatField()
    meets = serializers.BooleanField()
    longest_hours = serializers.FloatField(allow_null=True)


class ReliefClockSerializer(serializers.Serializer):
    incident = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    total = ShareSerializer()
    townships = ShareSerializer(many=True)


class ImportedSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    total = serializers.IntegerField()


class SpatialImportInSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="Shapefile 压缩包（.zip：.shp/.shx/.dbf，可含 .prj/.cpg，可含多个图层）或 GeoJSON 文件")
    crs = serializers.CharField(
        required=False, help_text="auto（默认：按 .prj；无 .prj 为 WGS84/CGCS2000）| wgs84 | gcj02 | bd09")
    mapping = serializers.CharField(required=False, help_text='JSON：{"字段名": "列名"}；缺省按列名猜测（同导入页面）')
    check_only = serializers.BooleanField(required=False, help_text="true：只校验，不保存")


class SpatialImportedSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    total = serializers.IntegerField()
    checked = serializers.BooleanField(help_text="true：只校验，未保存")
    mapping = serializers.DictField(child=serializers.CharField(), help_text="使用的字段对应")


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class ImportJobSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    filename = serializers.CharField()
    state = serializers.CharField(help_text="queued | checking | saving | done | failed")
    state_label = serializers.CharField()
    check_only = serializers.BooleanField()
    total = serializers.IntegerField()
    checked = serializers.IntegerField()
    saved = serializers.IntegerField()
    percent = serializers.FloatField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    message = serializers.CharField(allow_blank=True)
    error_count = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(required=False, help_text="导入进度页面")


class AllocationInSerializer(serializers.Serializer):
    incident = serializers.CharField(help_text="事件编号（code）")
    shelter = serializers.CharField(help_text="调入的避难场所编码（code）")
    depot = serializers.CharField(help_text="调出的储备库点编码（code）")
    material = serializers.CharField(help_text="物资编码（code）")
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="数量（物资的计量单位）")
    allocated_at = serializers.DateTimeField(required=False, help_text="调拨时间，默认现在")
    note = serializers.CharField(required=False, allow_blank=True)


class AllocationOutSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    incident = serializers.CharField()
    shelter = serializers.CharField()
    depot = serializers.CharField()
    store = serializers.CharField(help_text="该场所物资库的库点编码（库存台账中的调入库点）")
    material = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit = serializers.CharField()
    allocated_at = serializers.DateTimeField()
    movement_group = serializers.UUIDField(help_text="库存台账的业务单号")


class ShelterStockSerializer(serializers.Serializer):
    shelter = serializers.CharField()
    shelter_name = serializers.CharField()
    store = serializers.CharField()
    material = serializers.CharField()
    material_name = serializers.CharField()
    unit = serializers.CharField()
    allocated = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="累计调入")
    issued = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="累计发放")
    balance = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="结存（库存台账）")
