"""Who does what with indicator values: departments' liaisons and the duty office enter them with evidence; the
director role (指挥长/带班领导) approves or returns them, and back-fills past years of computed indicators;
everyone with the view-all pattern reads them."""

from yingji.core.roles import Role, grant

grant(Role.COMMANDER, "indicators.*")
grant(Role.LIAISON, "indicators.view_indicatorvalue", "indicators.add_indicatorvalue")
grant(Role.DUTY_OFFICER, "indicators.view_indicatorvalue", "indicators.add_indicatorvalue")
# Reports and evaluations: the duty office (规划科's drafting seat) drafts versions; the director role approves.
grant(Role.DUTY_OFFICER, "indicators.view_evaluation", "indicators.add_evaluation", "indicators.change_evaluation")
grant(Role.LIAISON, "indicators.view_evaluation")
