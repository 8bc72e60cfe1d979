"""The demo's indicator snapshots: this year's figures of the district and each township, recorded once the other
apps' demo data are in (order 99), so the township ranking has rows from the start. No past year is made up."""

from .snapshots import record


def load(progress=print) -> None:
    progress("计算规划指标本年快照（区和各乡镇）……")
    record()
