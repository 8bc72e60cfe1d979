"""Who may do what in the enterprise services. Enterprise accounts apply, commit and talk on their own enterprise's
cases (the binding narrows every queryset, core.scoping); the bureau (commanders, township officers for their
township, inspectors) handles cases and keeps the credit record."""

from yingji.core.roles import Role, grant

grant(Role.ENTERPRISE, "services.view_servicecase", "services.apply_servicecase", "services.view_planfiling",
      "services.view_plandrill", "services.add_plandrill", "services.view_safetycommitment",
      "services.add_safetycommitment", "services.view_licence", "services.view_creditevent",
      "services.view_creditlistentry", "services.view_casemessage", "services.add_casemessage",
      "services.change_servicecase", "services.view_examsession", "services.view_examsignup",
      "services.add_examsignup")
grant(Role.COMMANDER, "services.*")
grant(Role.TOWNSHIP_ADMIN, "services.view_*", "services.handle_servicecase", "services.add_casemessage",
      "services.change_servicecase")
grant(Role.INSPECTOR, "services.view_*", "services.handle_servicecase", "services.add_casemessage",
      "services.change_servicecase", "services.manage_credit")
