"""Settings of the near-here benchmark's server: the platform's, plus its references (bench/nearby_urls.py)."""

from yingji.settings import *  # noqa: F403

ROOT_URLCONF = "bench.nearby_urls"
