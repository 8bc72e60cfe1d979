"""Interleaved timing of several measures, so that the machine's load hits every measure alike."""

import time


def interleaved(measures: dict, rounds: int) -> dict[str, list[float]]:
    """{name: milliseconds of each round}: every measure once per round, `rounds` times after one warm-up round."""
    times = {name: [] for name in measures}
    for round_ in range(rounds + 1):
        for name, call in measures.items():
            started = time.perf_counter()
            call()
            if round_:  # the first round warms up
                times[name].append((time.perf_counter() - started) * 1000)
    return times
