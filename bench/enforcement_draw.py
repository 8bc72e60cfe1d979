"""Enforcement draw benchmark (issue 17): a 双随机 draw over 10,000 candidate targets and 200 candidate inspectors,
then its replay, through the same code the platform runs (yingji.enforcement.algorithm: the HMAC-SHA256 stream,
partial Fisher–Yates, recusal), plus the SHA-256 digests of the inputs and the result that a draw records.

    .venv/bin/python -m bench.enforcement_draw [--rounds 7] [--draw 500]

No database: the candidate lists are generated (24 townships, 5 sectors, each inspector in 2 fields with a few
declared conflicts, a third of the targets with the inspectors of their last inspection), as a draw freezes them
before it runs. `--draw` is how many targets are drawn (default 500, the 5 % of §5); each also gets 2 inspectors.
Medians in ms of `--rounds` runs; the load average is printed with the figures.
"""

import argparse
import os
import random
import statistics
import time

from yingji.enforcement import algorithm

TARGETS, INSPECTORS = 10_000, 200
SECTORS = ("chemicals", "industry_trade", "fuel_station", "crowded", "other")
TOWNS = [f"5109030{n:02d}000" for n in range(1, 25)]


def inputs(rng):
    inspectors = []
    for n in range(INSPECTORS):
        fields = rng.sample(SECTORS, 2)
        inspectors.append({"code": f"ZFRY-{n:04d}", "township": rng.choice(TOWNS), "fields": fields,
                           "conflicts": [f"QY-{rng.randrange(TARGETS):05d}" for _ in range(3)]})
    codes = [i["code"] for i in inspectors]
    targets = [{"code": f"JCDX-{n:05d}", "enterprise": f"QY-{n:05d}", "township": rng.choice(TOWNS),
                "sector": rng.choice(SECTORS), "last": sorted(rng.sample(codes, 2)) if n % 3 == 0 else []}
               for n in range(TARGETS)]
    return targets, inspectors


def draw_and_record(seed, targets, inspectors, n):
    result = algorithm.run(seed, targets, inspectors, n, 2, True)
    inputs_digest = algorithm.digest({"algorithm": algorithm.VERSION, "seed": seed, "targets": targets,
                                      "inspectors": inspectors, "n": n, "k": 2, "own_township": True})
    return result, inputs_digest, algorithm.digest(result)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--draw", type=int, default=500)
    options = parser.parse_args()
    targets, inspectors = inputs(random.Random(17))
    timings = {"draw (run + digests)": [], "replay (run + digests + compare)": [], "draw + replay": []}
    for round_ in range(options.rounds):
        seed = f"bench-{round_}"
        start = time.perf_counter()
        recorded = draw_and_record(seed, targets, inspectors, options.draw)
        middle = time.perf_counter()
        replayed = draw_and_record(seed, targets, inspectors, options.draw)
        end = time.perf_counter()
        assert replayed == recorded, "the replay differs"
        timings["draw (run + digests)"].append((middle - start) * 1000)
        timings["replay (run + digests + compare)"].append((end - middle) * 1000)
        timings["draw + replay"].append((end - start) * 1000)
    print(f"{TARGETS:,} candidate targets, {INSPECTORS} inspectors, {options.draw} drawn × 2 inspectors, "
          f"{options.rounds} rounds, load average {os.getloadavg()[0]:.1f}")
    print("| measure | median (ms) | max (ms) |\n|---|---:|---:|")
    for name, values in timings.items():
        print(f"| {name} | {statistics.median(values):,.0f} | {max(values):,.0f} |")


if __name__ == "__main__":
    main()
