from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from yingji.standards import Grade

from .. import titles
from ..choices import GRADE_CHOICES

register = template.Library()

CLOCK_CSS = {"running": "success", "amber": "warning", "overdue": "danger", "met": "secondary",
             "met_late": "dark", "waived": "light"}


@register.simple_tag
def grade_badge(grade):
    """The grade as a badge in its colour (colours from yingji.standards), named in the reader's language."""
    if not grade:
        return format_html('<span class="badge text-bg-secondary yj-grade">{}</span>', gettext("未定级"))
    g = Grade(grade)
    text = "#212529" if g is Grade.GRADE_3 else "#fff"
    return format_html('<span class="badge yj-grade" style="background:{};color:{}">{}</span>',
                       g.hex, text, dict(GRADE_CHOICES)[g.value])


@register.filter
def clock_css(state):
    return CLOCK_CSS.get(state, "secondary")


@register.filter
def place(region):
    """“桂花镇 · 石桥村”: the region with its township (incidents.locate.place_name)."""
    from ..locate import place_name

    return place_name(region)


@register.filter
def shown_title(entry):
    """A timeline entry's title in the reader's language (stored in the district's: incidents.titles)."""
    return titles.shown(entry)
