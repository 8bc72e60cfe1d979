"""Allocation of materials from depots to demand points: a transportation problem, solved as a min-cost flow.

minimise  Σ t[d,p]·x[d,p,m] + penalty·Σ s[p,m]
subject to Σ_d x[d,p,m] + s[p,m] = demand[p,m]     (every demand met, or the shortfall s recorded)
           Σ_p x[d,p,m] ≤ supply[d,m]              (no depot gives more than it has)
           x, s ≥ 0
t is the travel time in minutes, so the objective is the total unit-minutes of transport. Materials do
not share capacity, so the problem splits exactly into one problem per material. "Nearest depot first"
(greedy) is computed alongside for comparison.

Each material is a min-cost flow (OR-Tools `SimpleMinCostFlow`, integer): depots → demand points at
cost t, a "shortage" node → each point at the penalty, each depot → a "leftover" node at 0 for what stays.
Integers by fixed scales: quantities in millionths of a unit (QUANTITY_SCALE; two-decimal quantities are
exact), costs in micro-minutes (COST_SCALE). Rounding a cost by at most half a micro-minute changes the
optimal total by at most (units moved)·1e-6 min, so the flow's cost equals the LP's to ~1e-7 relative
(tests/plans/test_allocation_flow.py). A material whose numbers do not fit these integers safely (not
finite, negative, or too large for int64 with OR-Tools' cost scaling) is solved as the same LP with
HiGHS (`solve_lp`), which also remains the reference.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, hstack, identity

QUANTITY_SCALE = 10**6  # integer flow units per material unit
COST_SCALE = 10**6  # integer cost units per minute
INT64 = 2**63 - 1


class SolverFailed(RuntimeError):
    """No plan (numbers out of HiGHS's range, or an infeasible model)."""


@dataclass
class Plan:
    flows: np.ndarray  # [D, P, M] quantities
    shortfall: np.ndarray  # [P, M]
    cost: float  # Σ t·x in unit-minutes
    seconds: float = 0.0
    method: str = ""
    notes: list = field(default_factory=list)


def _penalty(cost) -> float:
    return float(cost.max(initial=0.0)) * 10 + 1000.0


def _fits_integers(supply, demand, cost, penalty) -> bool:
    """Whether the scaled problem stays inside int64: capacities summed at a node, and costs times the
    2·(nodes+1)² that OR-Tools' cost scaling may reach (its documented bound for no overflow)."""
    numbers = (supply, demand, cost)
    if not all(np.isfinite(a).all() and (a >= 0).all() for a in numbers) or not np.isfinite(penalty):
        return False
    nodes = cost.shape[0] + cost.shape[1] + 2
    flow_bound = 2 * QUANTITY_SCALE * (float(supply.sum()) + float(demand.sum()))
    cost_bound = COST_SCALE * penalty * 2 * (nodes + 1) ** 2
    return flow_bound < INT64 / 4 and cost_bound < INT64 / 4


def _flow_one_material(supply, demand, cost, penalty):
    """The flow over the depots that hold some of it and the points that need some (others get nothing)."""
    holders, needers = np.flatnonzero(supply > 0), np.flatnonzero(demand > 0)
    flows, shortfall = np.zeros(cost.shape), demand.astype(float).copy()
    if needers.size:
        found = _min_cost_flow(supply[holders], demand[needers], cost[np.ix_(holders, needers)], penalty)
        if found is None:
            return None
        flows[np.ix_(holders, needers)], shortfall[needers] = found
    return flows, shortfall


def _min_cost_flow(supply, demand, cost, penalty):
    n_d, n_p = cost.shape
    have = np.rint(supply * QUANTITY_SCALE).astype(np.int64)
    need = np.rint(demand * QUANTITY_SCALE).astype(np.int64)
    shortage, leftover = n_d + n_p, n_d + n_p + 1
    depot, point = np.divmod(np.arange(n_d * n_p), n_p)
    # Arc order: depot→point (n_d·n_p), shortage→point (n_p), depot→leftover (n_d), shortage→leftover (1).
    tails = np.concatenate([depot, np.full(n_p, shortage), np.arange(n_d), [shortage]])
    heads = np.concatenate([n_d + point, n_d + np.arange(n_p), np.full(n_d, leftover), [leftover]])
    capacities = np.concatenate([np.minimum(have[depot], need[point]), need, have, [need.sum()]])
    costs = np.concatenate([np.rint(cost.ravel() * COST_SCALE), np.full(n_p, round(penalty * COST_SCALE)),
                            np.zeros(n_d + 1)])
    solver = SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails.astype(np.int32), heads.astype(np.int32),
                                                capacities.astype(np.int64), costs.astype(np.int64))
    solver.set_nodes_supplies(np.arange(n_d + n_p + 2, dtype=np.int32),
                              np.concatenate([have, -need, [need.sum(), -have.sum()]]).astype(np.int64))
    if solver.solve() != solver.OPTIMAL:
        return None
    flows = solver.flows(np.arange(n_d * n_p + n_p, dtype=np.int32)) / QUANTITY_SCALE
    return flows[: n_d * n_p].reshape(n_d, n_p), flows[n_d * n_p:]


def _lp_one_material(supply, demand, cost, penalty):
    n_d, n_p = cost.shape
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


def _solve(supply, demand, cost, one_material) -> Plan:
    started = time.perf_counter()
    n_d, n_p, n_m = cost.shape[0], cost.shape[1], supply.shape[1]
    flows, shortfall = np.zeros((n_d, n_p, n_m)), np.zeros((n_p, n_m))
    penalty, used = _penalty(cost), set()
    for m in range(n_m):
        if demand[:, m].sum() <= 0:
            continue
        flows[:, :, m], shortfall[:, m], method = one_material(supply[:, m], demand[:, m], cost, penalty)
        used.add(method)
    total = float(np.einsum("dp,dpm->", cost, flows))
    return Plan(flows, shortfall, total, time.perf_counter() - started, "+".join(sorted(used)) or "OR-Tools")


def _flow_or_lp(supply, demand, cost, penalty):
    if _fits_integers(supply, demand, cost, penalty):
        found = _flow_one_material(supply, demand, cost, penalty)
        if found is not None:
            return *found, "OR-Tools"
    return *_lp_one_material(supply, demand, cost, penalty), "HiGHS"


def solve(supply: np.ndarray, demand: np.ndarray, cost: np.ndarray) -> Plan:
    """supply [D, M], demand [P, M], cost [D, P] minutes → the least-cost plan (min-cost flow, else HiGHS)."""
    return _solve(supply, demand, cost, _flow_or_lp)


def solve_lp(supply: np.ndarray, demand: np.ndarray, cost: np.ndarray) -> Plan:
    """The same plan as one HiGHS LP per material: the reference the flow is tested and measured against."""
    return _solve(supply, demand, cost, lambda s, d, c, p: (*_lp_one_material(s, d, c, p), "HiGHS"))


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
