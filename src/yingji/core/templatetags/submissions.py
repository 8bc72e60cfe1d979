"""`{% load submissions %}{% submission_key_input %}`: the hidden submission key of a create form."""

import uuid

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def submission_key_input():
    """A fresh key on every render: re-posting the same page sends the same key, a new page a new one."""
    return format_html('<input type="hidden" name="submission_key" value="{}">', uuid.uuid4())
