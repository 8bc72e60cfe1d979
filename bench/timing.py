"""Interleaved timing of several measures, so that the machine's load hits every measure alike."""

import time


def interleaved(measures: dict, rounds: int, clock=time.perf_counter) -> dict[str, list[float]]:
    """{name: milliseconds of each round}: every measure once per round, `rounds` times after one warm-up round.
    `clock=time.process_time` counts this process's CPU time instead of the wall clock (on a loaded machine)."""
    times = {name: [] for name in measures}
    for round_ in range(rounds + 1):
        for name, call in measures.items():
            started = clock()
            call()
            if round_:  # the first round warms up
                times[name].append((clock() - started) * 1000)
    return times
