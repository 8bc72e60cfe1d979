"""The min-cost flow gives the LP's plan: the same optimal cost (to 1e-6 relative), the same shortfall, and a
plan that respects every depot's stock and every demand; numbers it cannot hold as integers go to HiGHS."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from yingji.plans.allocation import SolverFailed, solve, solve_lp

CENTS = st.integers(0, 500_00).map(lambda n: n / 100)  # two-decimal quantities, as the API and stock give them


def _check_plan(plan, supply, demand):
    assert (plan.flows >= 0).all() and (plan.shortfall >= 0).all()
    assert (plan.flows.sum(axis=1) <= supply + 1e-9).all()  # no depot gives more than it holds
    assert np.allclose(plan.flows.sum(axis=0) + plan.shortfall, demand, atol=1e-9)  # every demand met or short


def _same_optimum(flow, lp, supply, demand):
    _check_plan(flow, supply, demand)
    moved = float(flow.flows.sum())
    assert flow.cost == pytest.approx(lp.cost, rel=1e-6, abs=1e-6 * moved)
    short = np.maximum(demand.sum(axis=0) - supply.sum(axis=0), 0)  # a material can only be as short as that
    assert np.allclose(flow.shortfall.sum(axis=0), short, atol=1e-9)
    assert np.allclose(lp.shortfall.sum(axis=0), short, atol=1e-6)


@st.composite
def instances(draw):
    n_d, n_p, n_m = draw(st.integers(1, 6)), draw(st.integers(1, 8)), draw(st.integers(1, 3))
    supply = draw(arrays(float, (n_d, n_m), elements=CENTS))
    demand = draw(arrays(float, (n_p, n_m), elements=CENTS))
    cost = draw(arrays(float, (n_d, n_p), elements=st.floats(0, 180, allow_nan=False)))
    return supply, demand, cost


@settings(max_examples=150, deadline=None)
@given(instances())
def test_the_flow_costs_what_the_lp_costs_on_random_small_instances(instance):
    supply, demand, cost = instance
    flow = solve(supply, demand, cost)
    assert flow.method == "OR-Tools"
    _same_optimum(flow, solve_lp(supply, demand, cost), supply, demand)


@pytest.mark.parametrize(("seed", "stock"), [(1, 1.1), (2, 1.1), (3, 0.7), (4, 0.95)])
def test_the_flow_costs_what_the_lp_costs_on_seeded_district_sized_instances(seed, stock):
    """Travel minutes between random places, stock 10 % above demand or short of it, unevenly held."""
    rng = np.random.default_rng(seed)
    depots, points = rng.uniform(0, 30, (25, 2)), rng.uniform(0, 30, (80, 2))
    cost = np.linalg.norm(depots[:, None] - points[None], axis=2) * 1.4 / 0.75  # km → minutes at 45 km/h
    demand = np.round(rng.uniform(0, 60, (80, 4)) * (rng.random((80, 4)) < 0.5), 2)
    supply = rng.integers(0, 500, (25, 4)).astype(float)
    supply = np.floor(supply * demand.sum(axis=0) * stock / supply.sum(axis=0) * 100) / 100
    flow = solve(supply, demand, cost)
    assert flow.method == "OR-Tools"
    _same_optimum(flow, solve_lp(supply, demand, cost), supply, demand)


def test_no_stock_at_all_leaves_the_whole_demand_short():
    plan = solve(np.zeros((2, 1)), np.array([[5.0], [2.5]]), np.array([[3.0, 4.0], [1.0, 9.0]]))
    assert plan.cost == 0 and plan.shortfall[:, 0].tolist() == [5.0, 2.5] and not plan.flows.any()


def test_a_material_nobody_needs_is_not_moved():
    plan = solve(np.array([[10.0, 10.0]]), np.array([[0.0, 4.0]]), np.array([[2.0]]))
    assert plan.flows[0, 0].tolist() == [0.0, 4.0] and plan.cost == 8.0


def test_quantities_too_large_for_integers_are_solved_by_highs():
    """1e15 units do not fit int64 in millionths: the material goes to the LP, whose plan is still exact."""
    supply, demand, cost = np.array([[1e15], [1e15]]), np.array([[1.5e15]]), np.array([[10.0], [20.0]])
    plan = solve(supply, demand, cost)
    assert plan.method == "HiGHS" and plan.flows[:, 0, 0].tolist() == [1e15, 0.5e15]
    assert plan.cost == pytest.approx(2e16)


def test_numbers_beyond_highs_range_still_fail_as_before():
    with pytest.raises(SolverFailed):
        solve(np.array([[10.0]]), np.array([[1e30]]), np.array([[5.0]]))
