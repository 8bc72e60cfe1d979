"""Allocation of materials from depots to demand points: a transportation problem solved with HiGHS.

minimise  Σ t[d,p]·x[d,p,m] + penalty·Σ s[p,m]
subject to Σ_d x[d,p,m] + s[p,m] = demand[p,m]     (every demand met, or the shortfall s recorded)
           Σ_p x[d,p,m] ≤ supply[d,m]              (no depot gives more than it has)
           x, s ≥ 0
t is the travel time in minutes, so the objective is the total unit-minutes of transport. Materials do
not share capacity, so the problem splits exactly into one LP per material. "Nearest depot first"
(greedy) is computed alongside for comparison.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, hstack, identity


class SolverFailed(RuntimeError):
    """HiGHS found no plan (numbers out of its range, or an infeasible model)."""


@dataclass
class Plan:
    flows: np.ndarray  # [D, P, M] quantities
    shortfall: np.ndarray  # [P, M]
    cost: float  # Σ t·x in unit-minutes
    seconds: float = 0.0
    method: str = ""
    notes: list = field(default_factory=list)


def _one_material(supply, demand, cost):
    n_d, n_p = cost.shape
    penalty = float(cost.max(initial=0.0)) * 10 + 1000.0
    c = np.concatenate([cost.ravel(), np.full(n_p, penalty)])
    cols = np.arange(n_d * n_p)
    a_eq = hstack([coo_matrix((np.ones(n_d * n_p), (cols % n_p, cols)), shape=(n_p, n_d * n_p)),
                   identity(n_p, format="coo")]).tocsr()
    a_ub = hstack([coo_matrix((np.ones(n_d * n_p), (cols // n_p, cols)), shape=(n_d, n_d * n_p)),
                   coo_matrix((n_d, n_p))]).tocsr()
    result = linprog(c, A_ub=a_ub, b_ub=supply, A_eq=a_eq, b_eq=demand, bounds=(0, None), method="highs")
    if result.status != 0:
        raise SolverFailed(f"HiGHS failed: {result.message}")
    x = result.x[: n_d * n_p].reshape(n_d, n_p)
    return np.where(x > 1e-9, x, 0.0), np.where(result.x[n_d * n_p:] > 1e-9, result.x[n_d * n_p:], 0.0)


def solve(supply: np.ndarray, demand: np.ndarray, cost: np.ndarray) -> Plan:
    """supply [D, M], demand [P, M], cost [D, P] minutes → the least-cost plan."""
    started = time.perf_counter()
    n_d, n_p, n_m = cost.shape[0], cost.shape[1], supply.shape[1]
    flows, shortfall = np.zeros((n_d, n_p, n_m)), np.zeros((n_p, n_m))
    for m in range(n_m):
        if demand[:, m].sum() <= 0:
            continue
        flows[:, :, m], shortfall[:, m] = _one_material(supply[:, m], demand[:, m], cost)
    total = float(np.einsum("dp,dpm->", cost, flows))
    return Plan(flows, shortfall, total, time.perf_counter() - started, "HiGHS")


def greedy(supply: np.ndarray, demand: np.ndarray, cost: np.ndarray) -> Plan:
    """Nearest depot first: each demand point in turn takes from its nearest depots that still have stock."""
    started = time.perf_counter()
    left = supply.astype(float).copy()
    n_d, n_p, n_m = cost.shape[0], cost.shape[1], supply.shape[1]
    flows, shortfall = np.zeros((n_d, n_p, n_m)), np.zeros((n_p, n_m))
    for p in range(n_p):
        order = np.argsort(cost[:, p], kind="stable")
        for m in range(n_m):
            need = float(demand[p, m])
            for d in order:
                if need <= 0:
                    break
                take = min(need, left[d, m])
                if take > 0:
                    flows[d, p, m] += take
                    left[d, m] -= take
                    need -= take
            shortfall[p, m] = need
    total = float(np.einsum("dp,dpm->", cost, flows))
    return Plan(flows, shortfall, total, time.perf_counter() - started, "nearest-first")
