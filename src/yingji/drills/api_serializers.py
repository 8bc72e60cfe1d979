"""Contracts of the drills app's hand-written endpoints."""

from rest_framework import serializers


class DrillClockInSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="start | pause | resume | speed | advance | end")
    speed = serializers.FloatField(required=False, help_text="倍速：0.5、1、2、5、10、30、60（action=speed）")
    minutes = serializers.IntegerField(required=False, help_text="快进的演练分钟数，1–1440（action=advance）")


class DrillClockSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    stage = serializers.CharField()
    drill_seconds = serializers.FloatField(help_text="演练时钟（秒）")
    drill_time = serializers.CharField(help_text="T+hh:mm:ss")
    speed = serializers.FloatField()
    running = serializers.BooleanField()
    incident = serializers.UUIDField(allow_null=True, help_text="演练事件（is_exercise）")


class DrillInjectInSerializer(serializers.Serializer):
    minute = serializers.IntegerField(help_text="演练开始后第几分钟（≥0，否则 400 inject_before_start）")
    kind = serializers.CharField(required=False,
                                 help_text="report | alarm | road | weather | request | escalate | other")
    title = serializers.CharField()
    content = serializers.CharField()
    expected = serializers.CharField(required=False)


class DrillInjectSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    minute = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    content = serializers.CharField()
    expected = serializers.CharField()
    fired_at = serializers.DateTimeField(allow_null=True)


class DrillInjectListSerializer(serializers.Serializer):
    hidden = serializers.IntegerField(help_text="双盲：尚未注入、对本用户隐藏的条数")
    results = DrillInjectSerializer(many=True)


class DrillEvaluationInSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.FloatField(), help_text="评估要素 → 得分（实测要素由平台计算）")
    notes = serializers.DictField(child=serializers.CharField(), required=False)
    findings = serializers.CharField(required=False, help_text="发现的问题，一行一条")
    improvements = serializers.CharField(required=False, help_text="整改建议，一行一条")


class DrillEvaluationSerializer(serializers.Serializer):
    total = serializers.FloatField()
    grade = serializers.CharField()
    scores = serializers.DictField(child=serializers.FloatField())
    measured = serializers.DictField()
    evaluators = serializers.ListField(child=serializers.CharField(), help_text="已评分的评估人")
    report = serializers.CharField(help_text="评估报告 DOCX 的地址")


class DrillParticipantInSerializer(serializers.Serializer):
    role = serializers.CharField(required=False, help_text="player | observer | controller | evaluator")
    organization = serializers.CharField(required=False, help_text="单位编码（与 team 二选一）")
    team = serializers.CharField(required=False, help_text="救援队伍编码")
    headcount = serializers.IntegerField(required=False)


class DrillParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.CharField()
    role_label = serializers.CharField()
    organization = serializers.CharField(allow_null=True)
    team = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    headcount = serializers.IntegerField()


class DrillScriptInSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="历史事件编号，如 SJ20200813-0001")


class DrillSheetSerializer(serializers.Serializer):
    evaluator = serializers.CharField()
    scores = serializers.DictField(child=serializers.FloatField())
    notes = serializers.DictField(child=serializers.CharField())
    findings = serializers.CharField()
    improvements = serializers.CharField()
    scored_at = serializers.DateTimeField()


class DrillCombinedSerializer(serializers.Serializer):
    total = serializers.FloatField()
    grade = serializers.CharField()
    scores = serializers.DictField(child=serializers.FloatField())


class DrillSheetsSerializer(serializers.Serializer):
    sheets = DrillSheetSerializer(many=True)
    combined = DrillCombinedSerializer(allow_null=True)
