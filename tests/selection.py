"""Which test modules a run can skip without importing them (tests/conftest.py, pytest_ignore_collect).

A module all of whose tests carry one marker is not collected when the -m expression can select no test with that
marker: the fuzz module builds its cases while being collected, seconds of CPU per pytest worker, only to have
every one deselected by `make test` (-m 'not browser and not fuzz and not slow').
"""

import itertools
import re
from pathlib import Path

WHOLE_MODULE_MARKERS = {
    "test_api_fuzz.py": "fuzz",
    # real worker processes on a database of their own (tests/alerts/conftest.py, worker_env)
    "test_alerts_restart.py": "slow",
    "test_alerts_restart_batches.py": "slow",
    "test_alerts_celery_worker.py": "slow",
    "test_cap_publish_during_fan_out.py": "slow",
    # a `yingji serve` process on a database of its own (tests/process_db.py, serve)
    "test_exchange_server_stop.py": "slow",
    "test_serve_keepalive.py": "slow",
}


def wholly_deselected(path: Path, markexpr: str) -> bool:
    marker = WHOLE_MODULE_MARKERS.get(path.name)
    return marker is not None and not may_select(markexpr, marker)


# The markers that put a test in a run of its own (pyproject.toml); a whole-module marker is the only one of these
# its module's tests carry, so `-m slow` does not import the fuzz module.
KINDS = {"browser", "fuzz", "slow"}


def may_select(markexpr: str, marker: str) -> bool:
    """Whether a test carrying `marker`, none of the other KINDS and any other markers, can match the -m
    expression."""
    from _pytest.mark.expression import Expression  # pytest's own -m parser

    if not markexpr:
        return True
    try:
        expression = Expression.compile(markexpr)
    except Exception:  # pytest itself reports a bad expression
        return True
    others = sorted(set(re.findall(r"[A-Za-z_]\w*", markexpr)) - {"and", "or", "not"} - KINDS)
    assignments = ({**dict(zip(others, values, strict=True)), **dict.fromkeys(KINDS, False), marker: True}
                   for values in itertools.product((False, True), repeat=len(others)))
    return any(expression.evaluate(lambda name, /, present=present, **kwargs: present.get(name, False))
               for present in assignments)
