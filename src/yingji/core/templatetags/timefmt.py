"""`{% load timefmt %}{{ value|local }}` or `{{ value|local:"short" }}`: a time in the district's zone, in one of
the product's formats (core.timefmt: full, short, minute, second, day)."""

from django import template

from yingji.core.timefmt import local_text

register = template.Library()


@register.filter
def local(value, fmt: str = "minute") -> str:
    return local_text(value, fmt)
