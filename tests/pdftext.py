"""The text of a PDF made by yingji.core.pdf, for tests (no PDF reader is installed): each page stream is
decoded (ASCII85, Flate) when compressed, and its literal strings — UTF-16BE under the CID font STSong-Light,
Latin-1 under a standard font — are unescaped and decoded in order."""

import base64
import contextlib
import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
_STRING = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i:i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = raw[i + 1:i + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            out += _ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def _decode(data: bytes) -> str:
    if len(data) % 2 == 0:  # every string this platform draws is in the CID font (UCS-2)
        try:
            return data.decode("utf-16-be")
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")


def pdf_text(content: bytes) -> str:
    parts = []
    for stream in _STREAM.findall(content):
        if stream.rstrip().endswith(b"~>"):  # reportlab compresses as /ASCII85Decode /FlateDecode
            with contextlib.suppress(ValueError):
                stream = base64.a85decode(stream.strip().removeprefix(b"<~").removesuffix(b"~>"))
        with contextlib.suppress(zlib.error):
            stream = zlib.decompress(stream)
        parts.extend(_decode(_unescape(raw)) for raw in _STRING.findall(stream))
    return "".join(parts)


def page_count(content: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", content))
