"""The evaluation DOCX's chart (indicators/chart.py): a real PNG, a bar in its status colour per indicator."""

import struct
import zlib

from yingji.indicators.chart import COLOURS, attainment_png
from yingji.indicators.status import attainment


def _pixels(png: bytes):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    data, offset = b"", 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        if kind == b"IDAT":
            data += png[offset + 8:offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    stride = width * 3 + 1
    return width, height, {tuple(raw[y * stride + 1 + x * 3:y * stride + 4 + x * 3])
                           for y in range(height) for x in range(0, width, 3)}


def test_bars_in_their_status_colours():
    width, height, colours = _pixels(attainment_png([("1.4", 120.0, "met"), ("2.4", 60.0, "not_met"),
                                                     ("3.1", None, "no_data")]))
    assert (width, height) == (900, 340)
    assert {COLOURS["met"], COLOURS["not_met"], COLOURS["no_data"]} <= colours
    _w, _h, only_met = _pixels(attainment_png([("1.4", 100.0, "met")]))
    assert COLOURS["not_met"] not in only_met


def test_attainment_reads_the_target_as_the_page_does():
    def row(op, target, value, baseline=None):
        return {"target_check": {"op": op, "value": target}, "value": value, "baseline": baseline}

    assert attainment(row(">=", 90, 45)) == 50
    assert attainment(row("<", 1, 2)) == 50  # an upper limit: target ÷ value
    assert attainment(row("decrease", 10, 95, 100)) == 50  # 5 % achieved of the 10 % asked
    assert attainment(row(">=", 90, None)) == 0
