from .depots import Depot, Material, StockMinimum
from .places import Expert, KeyFacility, Shelter
from .stock import StockBatch, StockMovement
from .teams import Equipment, RescueTeam, TeamMember

__all__ = ["Depot", "Equipment", "Expert", "KeyFacility", "Material", "RescueTeam", "Shelter", "StockBatch",
           "StockMinimum", "StockMovement", "TeamMember"]
