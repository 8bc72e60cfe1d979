"""The question bank and exams (题库与考试): a paper is drawn from the bank by rules with a recorded seed; a
candidate's attempt has a server-side deadline, keeps each answer as it is given and is scored on submit."""

import re
import uuid as uuids

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import QuestionType
from .base import SHARED, expiry_flag, field_error

LETTERS = "ABCDEF"
TRUE_FALSE = ("T", "F")  # 正确, 错误
RULE = re.compile(r"^\s*([^:：\s]+)\s*[:：]\s*(single|multiple|truefalse)\s*[:：]\s*(\d+)\s*$")


def option_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Question(RegistryModel):
    """name is the stem (题干); options one per line (A…F in order); answer the letters (AC) or T/F."""

    code_prefix = "TK"
    jurisdiction_shared = SHARED
    qtype = models.CharField(_("题型"), max_length=16, choices=QuestionType.choices)
    tags = models.CharField(_("标签"), max_length=100, help_text=_("以逗号分隔，如：防汛,地灾"))
    options = models.TextField(_("选项"), blank=True, max_length=2000, help_text=_("每行一个选项，依次为 A、B、C…"))
    answer = models.CharField(_("答案"), max_length=8, help_text=_("选择题填字母（多选如 ACD），判断题填 T 或 F"))
    explanation = models.CharField(_("解析"), max_length=300, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("试题")
        verbose_name_plural = _("题库")

    def tag_list(self) -> list[str]:
        return [t.strip() for t in re.split(r"[,，]", self.tags or "") if t.strip()]

    def letters(self) -> str:
        return TRUE_FALSE[0] + TRUE_FALSE[1] if self.qtype == QuestionType.TRUE_FALSE else \
            LETTERS[:len(option_lines(self.options))]

    def clean(self):
        super().clean()
        self.answer = "".join(sorted((self.answer or "").upper().replace(",", "").replace(" ", "")))
        if not self.tag_list():
            raise field_error("tags", "tags_required", _("请至少填写一个标签"))
        count = len(option_lines(self.options))
        if self.qtype == QuestionType.TRUE_FALSE:
            if count:
                raise field_error("options", "options_not_expected", _("判断题不填选项"))
        elif not 2 <= count <= len(LETTERS):
            raise field_error("options", "options_required", _("选择题须有 2 至 6 个选项，每行一个"))
        if not self.answer or any(a not in self.letters() for a in self.answer) or len(set(self.answer)) < len(
                self.answer):
            raise field_error("answer", "invalid_answer", _("答案须为本题选项中的字母（判断题为 T 或 F）"))
        if self.qtype != QuestionType.MULTIPLE and len(self.answer) != 1:
            raise field_error("answer", "invalid_answer", _("单选题和判断题只有一个答案"))


def parse_rules(text: str) -> list[tuple[str, str, int]]:
    """Rules, one per line: 标签:题型:数量 (e.g. 防汛:single:5)."""
    rules = []
    for line in option_lines(text):
        match = RULE.match(line)
        if match is None or int(match.group(3)) < 1:
            raise field_error("rules", "invalid_rules", _("抽题规则每行为“标签:题型:数量”，如：防汛:single:5"))
        rules.append((match.group(1), match.group(2), int(match.group(3))))
    if not rules:
        raise field_error("rules", "invalid_rules", _("请填写抽题规则"))
    return rules


class ExamPaper(RegistryModel):
    code_prefix = "SJ"
    jurisdiction_shared = SHARED
    rules = models.TextField(_("抽题规则"), max_length=2000,
                             help_text=_("每行“标签:题型:数量”，题型为 single、multiple 或 truefalse"))
    seed = models.PositiveIntegerField(_("随机种子"), null=True, blank=True, help_text=_("留空则自动生成并记录"))
    duration_minutes = models.PositiveSmallIntegerField(_("考试时长（分钟）"), default=30)
    pass_mark = models.PositiveSmallIntegerField(_("及格分"), default=60)
    validity_months = models.PositiveSmallIntegerField(_("合格证书有效期（月）"), default=24)
    drawn = models.JSONField(_("抽中的试题"), default=list, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("试卷")
        verbose_name_plural = _("试卷")

    def clean(self):
        super().clean()
        if self.pass_mark > 100:
            raise field_error("pass_mark", "invalid_pass_mark", _("及格分为 0 至 100"))
        if self.duration_minutes < 1:
            raise field_error("duration_minutes", "invalid_duration", _("考试时长至少 1 分钟"))
        from ..exams import draw

        self.drawn = draw(parse_rules(self.rules), self.seed_or_new())

    def seed_or_new(self) -> int:
        if self.seed is None:
            self.seed = uuids.uuid4().int % 1_000_000
        return self.seed


class ExamAttempt(models.Model):
    region_field = "region"
    uuid = models.UUIDField(default=uuids.uuid4, unique=True, editable=False)
    paper = models.ForeignKey(ExamPaper, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("试卷"))
    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("考生"))
    candidate_name = models.CharField(_("考生姓名"), max_length=100)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    started_at = models.DateTimeField(_("开考时间"))
    deadline_at = models.DateTimeField(_("截止时间"))
    answers = models.JSONField(_("作答"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("得分"), null=True, blank=True)
    passed = models.BooleanField(_("合格"), default=False)
    certificate_expiry = models.DateField(_("证书有效期至"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        verbose_name = _("考试记录")
        verbose_name_plural = _("考试记录")
        ordering = ["-started_at", "pk"]

    def __str__(self):
        return f"{self.candidate_name} · {self.paper}"

    @property
    def certificate_flag(self) -> str:
        return expiry_flag(self.certificate_expiry)
