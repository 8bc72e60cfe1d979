"""Contracts of the community app's hand-written endpoints."""

from rest_framework import serializers


class SignUpSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    id_number = serializers.CharField(required=False)
    township = serializers.CharField(help_text="乡镇（街道）区划代码")
    skills = serializers.CharField(required=False)
    availability = serializers.CharField(required=False, help_text="anytime | weekends | evenings | on_call")
    is_minor = serializers.BooleanField(required=False)
    guardian_name = serializers.CharField(required=False)
    guardian_consent = serializers.BooleanField(required=False)
    consent = serializers.BooleanField(help_text="须为 true，否则 400 consent_required")


class SignedUpSerializer(serializers.Serializer):
    code = serializers.CharField()
    review_state = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="approve | reject | reopen")
    reason = serializers.CharField(required=False, help_text="拒绝理由")


class ReviewedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    review_state = serializers.CharField()
    review_reason = serializers.CharField()


class CertificateSerializer(serializers.Serializer):
    name = serializers.CharField()
    expiry = serializers.CharField(required=False, allow_null=True, help_text="有效期至 YYYY-MM-DD")
    flag = serializers.CharField(read_only=True, help_text="临期 / 过期 / 空")


class CallOutInSerializer(serializers.Serializer):
    incident = serializers.UUIDField()
    task = serializers.CharField()
    place = serializers.CharField(required=False)
    volunteers = serializers.ListField(child=serializers.CharField(), help_text="志愿者编码")


class EntrySerializer(serializers.Serializer):
    volunteer = serializers.CharField()
    name = serializers.CharField()
    response = serializers.CharField()
    checked_in_at = serializers.DateTimeField(allow_null=True)
    checked_out_at = serializers.DateTimeField(allow_null=True)
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)


class CallOutSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    incident = serializers.UUIDField()
    task = serializers.CharField()
    place = serializers.CharField()
    entries = EntrySerializer(many=True)


class EntryActionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="accept | decline | check_in | check_out")
    at = serializers.DateTimeField(required=False, help_text="时间，缺省为现在")


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField(help_text="试题编码")
    answer = serializers.CharField(help_text="选项字母（多选如 AC），判断题 T 或 F")


class AttemptQuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    type = serializers.CharField()
    stem = serializers.CharField()
    options = serializers.ListField(child=serializers.CharField())
    answer = serializers.CharField(allow_null=True)
    correct = serializers.CharField(required=False)


class AttemptSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    paper = serializers.CharField()
    deadline_at = serializers.DateTimeField()
    seconds_left = serializers.IntegerField()
    submitted = serializers.BooleanField()
    score = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField()
    certificate_expiry = serializers.DateField(allow_null=True)
    questions = AttemptQuestionSerializer(many=True)


class TrainingRateSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    trained = serializers.IntegerField()
    percent = serializers.FloatField()


class QuestionnaireQuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    type = serializers.CharField(help_text="single | multiple | truefalse")
    stem = serializers.CharField()
    options = serializers.ListField(child=serializers.CharField())


class QuestionnaireSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    open = serializers.BooleanField(help_text="是否在开放期内")
    questions = QuestionnaireQuestionSerializer(many=True)


class SurveyAnswerSerializer(serializers.Serializer):
    township = serializers.CharField(help_text="乡镇（街道）区划代码")
    kind = serializers.CharField(help_text="public（社会公众）| student（学生）")
    answers = serializers.DictField(child=serializers.CharField(),
                                    help_text="试题编码 → 选项字母（多选如 AC），判断题 T/F；须全部作答")


class SurveyResultSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    score = serializers.IntegerField()
    knows = serializers.BooleanField(help_text="达到掌握标准")
    pass_mark = serializers.IntegerField()


class RateSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    knows = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)


class TownshipRatesSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    public = RateSerializer()
    student = RateSerializer()
    meets = serializers.BooleanField()


class OverallRateSerializer(RateSerializer):
    target = serializers.FloatField()


class KnowledgeRatesSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    public = OverallRateSerializer()
    student = OverallRateSerializer()
    townships = TownshipRatesSerializer(many=True)


class MyCallOutSerializer(serializers.Serializer):
    callout = serializers.UUIDField()
    incident = serializers.CharField()
    task = serializers.CharField()
    place = serializers.CharField()
    called_at = serializers.DateTimeField()
    response = serializers.CharField()
    checked_in_at = serializers.DateTimeField(allow_null=True)
    checked_out_at = serializers.DateTimeField(allow_null=True)
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)


class MyTrainingSerializer(serializers.Serializer):
    code = serializers.CharField()
    training_class = serializers.CharField()
    course = serializers.CharField()
    ends_on = serializers.DateField()
    attended = serializers.BooleanField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    valid_until = serializers.DateField(allow_null=True)


class MyServiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    review_state = serializers.CharField()
    service_hours = serializers.DecimalField(max_digits=8, decimal_places=1)
    insurance_expiry = serializers.DateField(allow_null=True)
    callouts = MyCallOutSerializer(many=True)
    trainings = MyTrainingSerializer(many=True)


class MyReplySerializer(serializers.Serializer):
    action = serializers.CharField(help_text="accept | decline | check_in | check_out")


class OfficerEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField(help_text="district | township | village | grid")
    level_label = serializers.CharField()
    region = serializers.CharField(help_text="负责区域的区划代码")
    region_name = serializers.CharField()
    organization = serializers.CharField(allow_blank=True)


class OfficerTaskSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField()
    region_name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    state = serializers.CharField(help_text="pending | active | done")
    state_label = serializers.CharField()
    visits = serializers.IntegerField(help_text="已填报的巡查记录数")
    report_url = serializers.CharField(help_text="移动端巡查填报页（可离线填报）")


class OfficerDeskSerializer(serializers.Serializer):
    officer = OfficerEntrySerializer()
    tasks = OfficerTaskSerializer(many=True)
