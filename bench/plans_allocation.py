"""Benchmark: allocating 20 materials from depots to demand points (a transportation problem), issue 13 §6.

Side by side in one run, on the bench instance (50 depots × 200 demand points × 20 materials) and on one 5×
larger (250 × 1,000 × 20):
- dense LP: the baseline — the same LP per material with dense constraint matrices, scipy `linprog` (HiGHS);
- sparse LP: the same LP with sparse matrices (`yingji.plans.allocation.solve_lp`, the previous solver);
- min-cost flow: `yingji.plans.allocation.solve` (OR-Tools), what the platform uses;
- nearest-first: the greedy plan the allocation endpoint reports beside the optimum.
Each solver runs `--rounds` times, interleaved, and the median is reported, so the shared machine's load hits
all of them alike; the load average is printed with the figures. The run fails if the flow's cost differs from
the LP's by more than 1e-6 relative. Random but seeded positions in a 30 km square around 船山区; travel
minutes from the resources app's estimator (straight line × detour ÷ road-class speed).

    .venv/bin/python -m bench.plans_allocation [--seed 2025] [--rounds 3] [--large-rounds 1] [--skip-large]

The dense LP of the 5× instance holds two dense matrices of 1,250 × 251,000 (about 7.5 GB at its peak) and
takes minutes; `--skip-large` leaves that instance out.
"""

import argparse
import os
import statistics
import time

import numpy as np
from scipy.optimize import linprog

from yingji.plans.allocation import _penalty, greedy, solve, solve_lp
from yingji.resources.routing import Estimator

CENTRE = (105.5927, 30.5139)
SIZES = {"bench": (50, 200, 20), "5× larger": (250, 1000, 20)}


def instance(seed: int, depots: int = 50, points: int = 200, materials: int = 20):
    rng = np.random.default_rng(seed)
    depot_at = rng.uniform(-0.15, 0.15, size=(depots, 2)) + CENTRE
    point_at = rng.uniform(-0.15, 0.15, size=(points, 2)) + CENTRE
    estimator = Estimator()
    cost = np.array([[r.duration_s / 60 for r in estimator.table(tuple(d), [tuple(p) for p in point_at])]
                     for d in depot_at])
    demand = rng.integers(0, 60, size=(points, materials)).astype(float)
    demand[rng.random((points, materials)) < 0.5] = 0  # each point needs about half of the materials
    supply = rng.integers(0, 500, size=(depots, materials)).astype(float)
    supply *= demand.sum(axis=0) * 1.1 / supply.sum(axis=0)  # 10 % more stock than demand, unevenly held
    return supply, demand, cost


def dense_lp(supply, demand, cost) -> float:
    """The baseline: one LP per material, constraint matrices built dense (the plain way), HiGHS via scipy."""
    n_d, n_p = cost.shape
    n = n_d * n_p
    columns = np.arange(n)
    a_eq, a_ub = np.zeros((n_p, n + n_p)), np.zeros((n_d, n + n_p))
    a_eq[columns % n_p, columns] = 1
    a_eq[np.arange(n_p), n + np.arange(n_p)] = 1
    a_ub[columns // n_p, columns] = 1
    c = np.concatenate([cost.ravel(), np.full(n_p, _penalty(cost))])
    total = 0.0
    for m in range(supply.shape[1]):
        if demand[:, m].sum() <= 0:
            continue
        result = linprog(c, A_ub=a_ub, b_ub=supply[:, m], A_eq=a_eq, b_eq=demand[:, m], bounds=(0, None),
                         method="highs")
        assert result.status == 0, result.message
        total += float(cost.ravel() @ result.x[:n])
    return total


def _timed(call):
    started = time.perf_counter()
    value = call()
    return time.perf_counter() - started, value


def measure(supply, demand, cost, rounds: int) -> dict:
    solvers = {"dense LP (baseline)": lambda: dense_lp(supply, demand, cost),
               "sparse LP (HiGHS, before)": lambda: solve_lp(supply, demand, cost).cost,
               "min-cost flow (OR-Tools, now)": lambda: solve(supply, demand, cost).cost,
               "nearest-first (greedy)": lambda: greedy(supply, demand, cost).cost}
    times, costs = {name: [] for name in solvers}, {}
    for _ in range(rounds):
        for name, call in solvers.items():
            seconds, costs[name] = _timed(call)
            times[name].append(seconds)
    return {name: (statistics.median(times[name]), costs[name]) for name in solvers}


def report(label, shape, figures, load) -> None:
    baseline_s, optimum = figures["dense LP (baseline)"]
    print(f"\n{label}: {shape[0]} depots × {shape[1]} demand points × {shape[2]} materials; "
          f"load average {load[0]:.1f} → {load[1]:.1f}")
    print("| solver | time (s) | × dense LP | cost (unit·min) | vs optimum |\n|---|---:|---:|---:|---:|")
    for name, (seconds, cost) in figures.items():
        print(f"| {name} | {seconds:.3f} | {seconds / baseline_s:.3f} | {cost:,.1f} | {cost / optimum - 1:+.2e} |")
    for name in ("sparse LP (HiGHS, before)", "min-cost flow (OR-Tools, now)"):
        assert abs(figures[name][1] / optimum - 1) <= 1e-6, (name, figures[name][1], optimum)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--large-rounds", type=int, default=1)
    parser.add_argument("--skip-large", action="store_true")
    options = parser.parse_args()
    print(f"seed {options.seed}, {os.cpu_count()} cores")
    for label, shape in SIZES.items():
        if label != "bench" and options.skip_large:
            continue
        supply, demand, cost = instance(options.seed, *shape)
        before = os.getloadavg()[0]
        figures = measure(supply, demand, cost, options.rounds if label == "bench" else options.large_rounds)
        report(label, shape, figures, (before, os.getloadavg()[0]))


if __name__ == "__main__":
    main()
