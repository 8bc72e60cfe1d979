from .dispatch import MaterialLine, MaterialOrder, TeamOrder
from .plans import Plan, PlanVersion, PublishedVersionError
from .response import CommandPost, Response, Task

__all__ = ["CommandPost", "MaterialLine", "MaterialOrder", "Plan", "PlanVersion", "PublishedVersionError",
           "Response", "Task", "TeamOrder"]
