"""Settings of the surge benchmark's server: the platform's, plus one bare endpoint as the baseline."""

from yingji.settings import *  # noqa: F403

ROOT_URLCONF = "bench.surge_urls"
