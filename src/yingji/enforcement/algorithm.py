"""The 双随机 draw algorithm, version "yingji-draw-1": pure Python, no database, so anyone can replay a draw from
what it recorded (docs/enforcement.md "Replaying a draw" states it for an outsider).

Inputs (all recorded with the draw):
  seed        the announced seed, a text (UTF-8)
  targets     ordered list of candidate targets: {"code", "township", "sector", "last": [inspector codes]}
  inspectors  ordered list of qualified candidate inspectors: {"code", "township", "fields": [...],
              "conflicts": [enterprise codes]} — targets also carry "enterprise" (the code recusal compares)
  n           how many targets; k inspectors per target; own_township: recuse an inspector's own township

Random numbers: block i (i = 0, 1, 2, …) is HMAC-SHA256(key = seed bytes, message = "yingji-draw-1:" + decimal i);
its 32 bytes are four 64-bit big-endian numbers, used in order (block 0's four, then block 1's, …). below(m)
takes the next number x and, to avoid bias, skips any x ≥ 2^64 − (2^64 mod m); the answer is x mod m.

Steps:
  1. Targets: partial Fisher–Yates over a copy of the candidate list: for i = 0 … n−1, j = i + below(len − i),
     swap positions i and j. The drawn targets are positions 0 … n−1, in that order.
  2. For each drawn target in that order: the eligible inspectors are the candidates, in candidate order, whose
     fields include the target's sector, who are not in the target's "last" list, who did not declare the
     target's enterprise a conflict, and (own_township) whose township differs from the target's. Pick k of
     them with the same partial Fisher–Yates (the stream continues). Fewer than k eligible is an error.
Result: [{"target": code, "inspectors": [code, …]}, …].
"""

import hashlib
import hmac
import json

VERSION = "yingji-draw-1"
_LABEL = (VERSION + ":").encode()
_SPAN = 1 << 64


class NotEnoughInspectors(Exception):
    def __init__(self, target: str, eligible: int):
        super().__init__(target)
        self.target, self.eligible = target, eligible


class Stream:
    """Uniform integers from HMAC-SHA256(seed, "yingji-draw-1:<counter>")."""

    def __init__(self, seed: str):
        self._key = seed.encode("utf-8")
        self.counter = 0  # the next block
        self._pending: list[int] = []

    def _next64(self) -> int:
        if not self._pending:
            block = hmac.digest(self._key, _LABEL + str(self.counter).encode(), "sha256")
            self.counter += 1
            self._pending = [int.from_bytes(block[i:i + 8], "big") for i in (24, 16, 8, 0)]  # popped from the end
        return self._pending.pop()

    def below(self, m: int) -> int:
        limit = _SPAN - (_SPAN % m)
        while True:
            x = self._next64()
            if x < limit:
                return x % m


def pick(stream: Stream, items: list, count: int) -> list:
    """`count` items by partial Fisher–Yates over a copy of `items`, in the order drawn."""
    pool = list(items)
    for i in range(count):
        j = i + stream.below(len(pool) - i)
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:count]


def eligible(target: dict, inspectors: list[dict], own_township: bool) -> list[dict]:
    last, enterprise = set(target.get("last") or ()), target.get("enterprise")
    return [i for i in inspectors
            if target["sector"] in i["fields"] and i["code"] not in last and enterprise not in i["conflicts"]
            and not (own_township and i["township"] == target["township"])]


class _Pools:
    """eligible() for many targets at once: the pool of a (sector, township) is built once, in candidate order, and
    filtered further only for a target with a last inspection or a declared conflict. Same answers as eligible()."""

    def __init__(self, inspectors: list[dict], own_township: bool):
        self.inspectors, self.own = inspectors, own_township
        self.conflicted = {code for i in inspectors for code in i["conflicts"]}
        self._base: dict[tuple, list[dict]] = {}

    def __call__(self, target: dict) -> list[dict]:
        key = (target["sector"], target["township"] if self.own else None)
        if key not in self._base:
            self._base[key] = eligible({"sector": key[0], "township": key[1]}, self.inspectors, self.own)
        pool = self._base[key]
        if target.get("last") or target.get("enterprise") in self.conflicted:
            last, enterprise = set(target.get("last") or ()), target.get("enterprise")
            pool = [i for i in pool if i["code"] not in last and enterprise not in i["conflicts"]]
        return pool


def run(seed: str, targets: list[dict], inspectors: list[dict], n: int, k: int, own_township: bool) -> list[dict]:
    stream, pools = Stream(seed), _Pools(inspectors, own_township)
    result = []
    for target in pick(stream, targets, n):
        pool = pools(target)
        if len(pool) < k:
            raise NotEnoughInspectors(target["code"], len(pool))
        result.append({"target": target["code"], "inspectors": [i["code"] for i in pick(stream, pool, k)]})
    return result


def digest(value) -> str:
    """SHA-256 of the canonical JSON of `value` (sorted keys, no spaces, UTF-8): what the draw records."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
