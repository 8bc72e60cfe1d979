"""`{% load hazard_clocks %}{% hazard_clock hazard %}`: a hazard's deadline clock as a badge (prevention.clocks)."""

from django import template

from ..clocks import clock_of

register = template.Library()


@register.inclusion_tag("prevention/hazard_clock.html")
def hazard_clock(hazard):
    return {"clock": clock_of(hazard)}
