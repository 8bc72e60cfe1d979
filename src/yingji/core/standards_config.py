"""Applies YINGJI_STANDARDS (JSON) to the configurable [S]/[?] values of yingji.standards."""

import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def apply_standards_overrides():
    raw = settings.YINGJI_STANDARDS
    if not raw:
        return
    from yingji.standards.config import configure_from_mapping

    try:
        configure_from_mapping(json.loads(raw))
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"YINGJI_STANDARDS is not valid: {exc}") from exc
