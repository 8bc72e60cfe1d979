"""Pure-Python geography: coordinate systems, measures, ECharts map decoding, partitions.

No Django here. Coordinates are always ``(lon, lat)`` in degrees, GeoJSON order.
"""

from yingji.geo.errors import GeoError

__all__ = ["GeoError"]
