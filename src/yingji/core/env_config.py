"""An app's tunable project choices: a frozen dataclass of defaults, overridden by a JSON object in one
environment variable (e.g. YINGJI_DUTY='{"min_rest_hours": 16}'). Statutory amounts live in yingji.standards."""

import json
import os
from dataclasses import is_dataclass
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

Config = TypeVar("Config")


def from_environment(config_class: type[Config], variable: str) -> Config:
    """The defaults of `config_class` with the overrides in `variable`; a bad value stops the start-up."""
    assert is_dataclass(config_class)
    raw = os.environ.get(variable) or "{}"
    try:
        overrides = json.loads(raw)
        if not isinstance(overrides, dict):
            raise ValueError("expected a JSON object")
        return config_class(**overrides)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"{variable} is not valid: {exc}") from exc
