"""The drills API beyond the registry's CRUD (/api/drills/drills/): none yet (docs/drills.md, "Not built yet")."""

urlpatterns: list = []
