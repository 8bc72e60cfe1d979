"""`{% load todo %}{% waiting_for record "report" "sign" %}` → "待 汪红梅 或 罗文斌 签发": who may take a workflow's
step next (core.actors), or nothing when the record is not waiting for that step. An optional fourth argument is
the verb to show (`{% translate "审核" as act %}{% waiting_for warning "warning" "review" act %}`)."""

from django import template

from yingji.core.actors import waiting_for as waiting_sentence

register = template.Library()


@register.simple_tag
def waiting_for(record, flow: str, event: str, action: str = "") -> str:
    return waiting_sentence(flow, record, event, action)
