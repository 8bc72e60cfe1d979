"""Benchmark: allocating 20 materials from 50 depots to 200 demand points (a transportation problem).

Compares the HiGHS optimum (yingji.plans.allocation.solve) with "nearest depot first" (greedy): solve time
and total transport cost (unit·minutes). Random but seeded positions in a 30 km square around 船山区;
travel minutes from the resources app's estimator (straight line × detour ÷ road-class speed).

    .venv/bin/python bench/plans_allocation.py [seed]
"""

import sys
import time

import numpy as np

from yingji.plans.allocation import greedy, solve
from yingji.resources.routing import Estimator

CENTRE = (105.5927, 30.5139)
DEPOTS, POINTS, MATERIALS = 50, 200, 20


def instance(seed: int):
    rng = np.random.default_rng(seed)
    depots = rng.uniform(-0.15, 0.15, size=(DEPOTS, 2)) + CENTRE
    points = rng.uniform(-0.15, 0.15, size=(POINTS, 2)) + CENTRE
    estimator = Estimator()
    cost = np.array([[r.duration_s / 60 for r in estimator.table(tuple(d), [tuple(p) for p in points])]
                     for d in depots])
    demand = rng.integers(0, 60, size=(POINTS, MATERIALS)).astype(float)
    demand[rng.random((POINTS, MATERIALS)) < 0.5] = 0  # each point needs about half of the materials
    supply = rng.integers(0, 500, size=(DEPOTS, MATERIALS)).astype(float)
    supply *= demand.sum(axis=0) * 1.1 / supply.sum(axis=0)  # 10 % more stock than demand, unevenly held
    return supply, demand, cost


def main(seed: int = 2025) -> None:
    supply, demand, cost = instance(seed)
    started = time.perf_counter()
    best = solve(supply, demand, cost)
    solve_s = time.perf_counter() - started
    naive = greedy(supply, demand, cost)
    print(f"instance: {DEPOTS} depots × {POINTS} demand points × {MATERIALS} materials, seed {seed}")
    print(f"HiGHS:         cost {best.cost:,.0f} unit·min, shortfall {best.shortfall.sum():,.0f}, {solve_s:.2f} s")
    print(f"nearest-first: cost {naive.cost:,.0f} unit·min, shortfall {naive.shortfall.sum():,.0f}, "
          f"{naive.seconds:.2f} s")
    print(f"greedy costs {100 * (naive.cost / best.cost - 1):.1f} % more than the optimum")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2025)
