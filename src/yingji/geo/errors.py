"""The one error type of the geo package."""

from yingji.coded_error import CodedError


class GeoError(CodedError):
    """Bad geographic input."""
