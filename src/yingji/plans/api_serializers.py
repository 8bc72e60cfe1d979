"""OpenAPI shapes of the plans API. The views keep their own checks and error codes; the request
serializers document the bodies and the response ones mirror serializers.py and the services' dicts."""

from rest_framework import serializers


class SuggestionSerializer(serializers.Serializer):
    plan = serializers.CharField()
    plan_code = serializers.CharField()
    version = serializers.UUIDField(help_text="预案版本 uuid（启动时传入）")
    version_number = serializers.IntegerField()
    level = serializers.CharField()
    level_label = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    approvers = serializers.ListField(child=serializers.CharField())
    can_approve = serializers.BooleanField()


class SuggestionListSerializer(serializers.Serializer):
    results = SuggestionSerializer(many=True)


class ActivateSerializer(serializers.Serializer):
    version = serializers.UUIDField(help_text="预案版本 uuid（见 suggestions）")
    level = serializers.CharField(help_text="响应级别，如 response_4")
    reason = serializers.CharField(required=False, allow_blank=True)


class PostSerializer(serializers.Serializer):
    role = serializers.CharField()
    organization = serializers.CharField()
    person = serializers.CharField()


class ResponseSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    incident = serializers.UUIDField()
    plan = serializers.CharField()
    plan_code = serializers.CharField()
    version = serializers.IntegerField()
    level = serializers.CharField()
    level_label = serializers.CharField()
    activated_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    posts = PostSerializer(many=True)
    tasks = serializers.IntegerField(help_text="任务数")


class TaskSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    incident = serializers.UUIDField()
    incident_name = serializers.CharField()
    title = serializers.CharField()
    group = serializers.CharField()
    organization = serializers.CharField()
    organization_name = serializers.CharField()
    level = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    deadline = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    blocked_reason = serializers.CharField()
    requirements = serializers.JSONField(help_text="所需资源")


class TaskListSerializer(serializers.Serializer):
    results = TaskSerializer(many=True)


class OrderLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    depot = serializers.CharField()
    material = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=2)
    issued = serializers.DecimalField(max_digits=14, decimal_places=2)
    received = serializers.DecimalField(max_digits=14, decimal_places=2)
    returned = serializers.DecimalField(max_digits=14, decimal_places=2)


class OrderSerializer(serializers.Serializer):
    """A team order (team, team_name, minutes, active) or a material order (total_minutes, lines)."""

    uuid = serializers.UUIDField()
    code = serializers.CharField()
    incident = serializers.UUIDField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    times = serializers.DictField(help_text="各环节时间")
    team = serializers.CharField(required=False)
    team_name = serializers.CharField(required=False)
    minutes = serializers.FloatField(required=False, allow_null=True)
    active = serializers.BooleanField(required=False)
    total_minutes = serializers.FloatField(required=False, allow_null=True)
    lines = OrderLineSerializer(many=True, required=False)


class SummarySerializer(serializers.Serializer):
    levels = serializers.ListField(child=serializers.DictField(), help_text="在启动的响应：plan、level、level_label")
    tasks = serializers.DictField(child=serializers.IntegerField(), help_text="total、done、done_on_time、overdue")
    teams = serializers.ListField(child=serializers.DictField(), help_text="出动队伍及位置")
    materials_issued = serializers.ListField(child=serializers.DictField())
    shortfalls = serializers.ListField(child=serializers.CharField())
    recommendations = serializers.DictField(help_text="推荐队伍与物资调配")
    timeliness = serializers.DictField(help_text="任务时效：tasks、counts、total")


class TransitionSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="操作名：响应 raise/lower/end，任务 accept/start/block/complete，"
                                  "调令 respond/depart/arrive/return/release，物资单 dispatch/receive/close/cancel")
    reason = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    issue = serializers.DictField(child=serializers.CharField(), required=False, help_text="出库数量 {行 id: 数量}")
    received = serializers.DictField(child=serializers.CharField(), required=False,
                                     help_text="签收数量 {行 id: 数量}")
    returned = serializers.DictField(child=serializers.CharField(), required=False,
                                     help_text="归还数量 {行 id: 数量}")


class TeamOrderInputSerializer(serializers.Serializer):
    incident = serializers.UUIDField()
    team = serializers.CharField(help_text="队伍编码")


class MaterialLineInputSerializer(serializers.Serializer):
    depot = serializers.CharField(help_text="库点编码")
    material = serializers.CharField(help_text="物资编码")
    quantity = serializers.DecimalField(max_digits=14, decimal_places=2)


class MaterialOrderInputSerializer(serializers.Serializer):
    incident = serializers.UUIDField()
    lines = MaterialLineInputSerializer(many=True)


class AllocateSerializer(serializers.Serializer):
    demand = serializers.DictField(child=serializers.FloatField(), help_text="{物资编码: 数量}")


class AllocationSerializer(serializers.Serializer):
    lines = serializers.ListField(child=serializers.DictField(), help_text="库点 × 物资 的调拨建议")
    total = serializers.FloatField(help_text="总运输代价")
    greedy_total = serializers.FloatField(help_text="就近逐个满足时的代价（对照）")


class CapabilitySerializer(serializers.Serializer):
    plan = serializers.CharField()
    version = serializers.IntegerField()
    level = serializers.CharField()
    level_label = serializers.CharField()
    teams = serializers.ListField(child=serializers.DictField(), help_text="need、have、short、label、type、speciality")
    materials = serializers.ListField(child=serializers.DictField(), help_text="code、name、unit、need、have、short")
    shortfalls = serializers.ListField(child=serializers.CharField())
    sufficient = serializers.BooleanField()


class VersionInputSerializer(serializers.Serializer):
    content = serializers.JSONField(help_text="预案内容（结构见 docs/plans.md）")
    note = serializers.CharField(required=False, allow_blank=True, help_text="修订说明")
    publish = serializers.BooleanField(required=False, help_text="保存后立即发布")


class VersionEditSerializer(serializers.Serializer):
    content = serializers.JSONField()


class VersionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    number = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    note = serializers.CharField()
    content = serializers.JSONField()
    published_at = serializers.DateTimeField(allow_null=True)


class VersionListSerializer(serializers.Serializer):
    results = VersionSerializer(many=True)


class ChangeSerializer(serializers.Serializer):
    path = serializers.CharField()
    change = serializers.CharField(help_text="added、removed 或 changed")
    before = serializers.JSONField()
    after = serializers.JSONField()


class DiffSerializer(serializers.Serializer):
    # "from" is a Python keyword: declared as from_, renamed here.
    from_ = serializers.IntegerField()
    to = serializers.IntegerField()
    changes = ChangeSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields
