"""Knowledge surveys (应急知识问卷调查): a public questionnaire drawn from the question bank by rules (like an exam
paper), answered without an account by the public and by students; each response is scored, and a respondent who
reaches the pass mark counts as knowing the basics. The 公众/学生应急知识普及率 per township follow from them."""

import uuid as uuids

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel

from ..choices import RespondentKind
from .base import SHARED, field_error
from .exams import parse_rules


class KnowledgeSurvey(RegistryModel):
    code_prefix = "WJ"
    jurisdiction_shared = SHARED
    rules = models.TextField(_("抽题规则"), max_length=2000,
                             help_text=_("每行“标签:题型:数量”，题型为 single、multiple 或 truefalse"))
    seed = models.PositiveIntegerField(_("随机种子"), null=True, blank=True, help_text=_("留空则自动生成并记录"))
    pass_mark = models.PositiveSmallIntegerField(_("掌握标准（分）"), default=60,
                                                 help_text=_("得分达到此分数即计为掌握基本应急知识"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"), null=True, blank=True)
    drawn = models.JSONField(_("抽中的试题"), default=list, blank=True, editable=False)

    class Meta(RegistryModel.Meta):
        verbose_name = _("知识问卷")
        verbose_name_plural = _("应急知识问卷")

    def clean(self):
        super().clean()
        if self.pass_mark is not None and self.pass_mark > 100:
            raise field_error("pass_mark", "invalid_pass_mark", _("掌握标准为 0 至 100 分"))
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise field_error("closes_on", "closes_before_opening", _("截止日期不能早于开始日期"))
        from ..exams import draw

        if self.seed is None:
            self.seed = uuids.uuid4().int % 1_000_000
        self.drawn = draw(parse_rules(self.rules), self.seed)

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.status == "active" and self.opens_on is not None and self.opens_on <= today
                and (self.closes_on is None or today <= self.closes_on))


class SurveyResponse(models.Model):
    """One anonymous answer sheet: where the respondent lives (a township), public or student, the answers."""

    region_field = "region"
    uuid = models.UUIDField(default=uuids.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(KnowledgeSurvey, on_delete=models.PROTECT, related_name="responses",
                               verbose_name=_("问卷"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("所在乡镇（街道）"))
    kind = models.CharField(_("受访者类别"), max_length=16, choices=RespondentKind.choices)
    answers = models.JSONField(_("作答"), default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("得分"))
    knows = models.BooleanField(_("掌握基本应急知识"))
    created = models.DateTimeField(_("提交时间"), db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        verbose_name = _("问卷答卷")
        verbose_name_plural = _("问卷答卷")
        ordering = ["-created", "pk"]

    def __str__(self):
        return f"{self.survey} · {self.get_kind_display()} · {self.score}"
