from .alarms import Alarm, AlarmStep, Rule, RuleStatus
from .readings import Aggregate, DeadLetter, Reading
from .stations import Sensor, Station

__all__ = ["Aggregate", "Alarm", "AlarmStep", "DeadLetter", "Reading", "Rule", "RuleStatus", "Sensor", "Station"]
