"""A bar chart of target attainment per indicator as a PNG, for the evaluation DOCX (evaluations.py).

The platform ships no imaging library (no Pillow, no matplotlib) and the browser's Plotly is not available on
the server, so the chart is drawn here: white ground, one bar per indicator (its attainment in %, capped at
150, green 达标 / red 未达标 / grey 无数据), a dashed line at 100 %, the axis at 0/50/100/150, the indicator's
code under its bar and the figure above it. The labels are digits only (a 3×5 pixel font); the Chinese
caption is the document's, under the picture."""

import struct
import zlib

WHITE, AXIS, GRID, LINE = (255, 255, 255), (33, 37, 41), (222, 226, 230), (108, 117, 125)
COLOURS = {"met": (25, 135, 84), "not_met": (220, 53, 69), "no_data": (173, 181, 189)}
TOP_PERCENT = 160
FONT = {
    "0": ("111", "101", "101", "101", "111"), "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"), "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"), "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"), "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"), "9": ("111", "101", "111", "001", "111"),
    ".": ("000", "000", "000", "000", "010"), "%": ("101", "001", "010", "100", "101"),
    "-": ("000", "000", "111", "000", "000"), " ": ("000", "000", "000", "000", "000"),
}


class Canvas:
    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(WHITE) * (width * height))

    def rect(self, x0, y0, x1, y1, colour) -> None:
        x0, x1 = max(0, int(x0)), min(self.width, int(x1))
        y0, y1 = max(0, int(y0)), min(self.height, int(y1))
        if x0 >= x1:
            return
        run = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start:start + len(run)] = run

    def text(self, x, y, text: str, colour, scale: int = 3) -> None:
        for index, char in enumerate(text):
            for row, bits in enumerate(FONT.get(char, FONT[" "])):
                for column, bit in enumerate(bits):
                    if bit == "1":
                        left = x + (index * 4 + column) * scale
                        self.rect(left, y + row * scale, left + scale, y + (row + 1) * scale, colour)

    @staticmethod
    def text_width(text: str, scale: int = 3) -> int:
        return (len(text) * 4 - 1) * scale

    def png(self) -> bytes:
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[y * stride:(y + 1) * stride]) for y in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        dpi = struct.pack(">IIB", 5906, 5906, 1)  # 150 dpi
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"pHYs", dpi)
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def attainment_png(bars: list[tuple[str, float | None, str]], width: int = 900, height: int = 340) -> bytes:
    """`bars`: (code, attainment in % or None for no figure, status). Returns the PNG's bytes."""
    canvas = Canvas(width, height)
    left, right, top, bottom = 70, width - 20, 20, height - 40
    plot = bottom - top

    def y_of(percent: float) -> int:
        return round(bottom - min(TOP_PERCENT, max(0.0, percent)) / TOP_PERCENT * plot)

    for mark in (0, 50, 100, 150):
        y = y_of(mark)
        canvas.rect(left, y, right, y + 1, GRID if mark else AXIS)
        label = str(mark)
        canvas.text(left - 10 - canvas.text_width(label), y - 7, label, AXIS)
    canvas.rect(left, top, left + 2, bottom + 1, AXIS)
    hundred = y_of(100)
    for x in range(left, right, 16):  # the dashed target line
        canvas.rect(x, hundred - 1, min(x + 9, right), hundred + 2, LINE)
    slot = (right - left) / max(1, len(bars))
    bar_width = max(6, slot * 0.55)
    for index, (code, percent, status) in enumerate(bars):
        centre = left + slot * (index + 0.5)
        x0, x1 = centre - bar_width / 2, centre + bar_width / 2
        colour = COLOURS.get(status, COLOURS["no_data"])
        if percent is None:
            canvas.rect(x0, bottom - 4, x1, bottom, colour)
            label, label_top = "-", bottom - 24
        else:
            shown = min(150.0, max(0.0, percent))
            canvas.rect(x0, y_of(shown), x1, bottom, colour)
            label, label_top = f"{percent:.0f}%", y_of(shown) - 20
        canvas.text(centre - canvas.text_width(label) / 2, label_top, label, AXIS)
        canvas.text(centre - canvas.text_width(code) / 2, bottom + 12, code, AXIS)
    return canvas.png()
