"""Where a benchmark phase's CPU went, by process group, from /proc (Linux): the web server's processes, the
background worker, the database server, and the bench's own client. Divided by the requests answered, it says
which part of the system a request costs most in; unlike wall-clock rates it changes little with the machine's
other load."""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0  # the process ended between listing and reading
    return int(fields[11]) + int(fields[12])  # utime + stime


def _processes() -> list[tuple[int, str, int]]:
    """(pid, command name, parent pid) of every process, from one reading of each /proc/<pid>/stat."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                head, tail = (entry / "stat").read_text().rsplit(")", 1)
            except (OSError, ValueError):
                continue  # ended meanwhile
            found.append((int(entry.name), head.split("(", 1)[1], int(tail.split()[1])))
    return found


def _tree(root: int, children: dict[int, list[int]]) -> list[int]:
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def snapshot(groups: dict[str, int]) -> dict[str, int]:
    """CPU ticks so far of each named process tree, of the database server and of this process. Ticks of a
    process that ended since the last snapshot are lost, so compare snapshots of a phase with long-lived
    processes (the database's backends are pooled by the server under test)."""
    processes, children = _processes(), {}
    for pid, _command, parent in processes:
        children.setdefault(parent, []).append(pid)
    ticks = {name: sum(_cpu_ticks(pid) for pid in _tree(root, children)) for name, root in groups.items()}
    ticks["database"] = sum(_cpu_ticks(pid) for pid, command, _parent in processes if command == "postgres")
    ticks["client"] = _cpu_ticks(os.getpid())
    return ticks


def per_request(before: dict[str, int], after: dict[str, int], requests: int) -> str:
    """'web 12.3 + worker 4.5 + … = 30.1 ms' of CPU per request."""
    parts = {name: 1000 * (after[name] - before[name]) / TICKS / max(requests, 1) for name in after}
    return " + ".join(f"{name} {ms:.1f}" for name, ms in parts.items()) + f" = {sum(parts.values()):.1f} ms"
