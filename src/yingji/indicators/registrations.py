"""Who does what with indicator values: departments' liaisons and the duty office enter them with evidence; the
director role (指挥长/带班领导) approves or returns them; everyone with the view-all pattern reads them."""

from yingji.core.roles import Role, grant

grant(Role.COMMANDER, "indicators.*")
grant(Role.LIAISON, "indicators.view_indicatorvalue", "indicators.add_indicatorvalue")
grant(Role.DUTY_OFFICER, "indicators.view_indicatorvalue", "indicators.add_indicatorvalue")
