"""Test-pattern HLS streams made with ffmpeg (Debian package `ffmpeg`), so the demo and the tests play real video
without a camera: `/video/streams/<name>/index.m3u8` and its segments, served by the platform itself.

A stream is made the first time it is asked for (about a second of CPU) under VAR_DIR/video/streams/<name>/, as a
60-second VOD playlist of 2-second H.264 segments; the player loops it. Without ffmpeg it is simply not there
(404), and the health check marks the cameras using it offline."""

import fcntl
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

PATTERNS = {"testsrc": "testsrc=size=480x270:rate=15", "smptebars": "smptebars=size=480x270:rate=15",
            "mandelbrot": "mandelbrot=size=480x270:rate=15"}
SECONDS = 60
NAME = re.compile(r"^[a-z0-9-]{1,32}$")
FILE = re.compile(r"^(index\.m3u8|seg\d{1,5}\.ts)$")


def root() -> Path:
    return Path(settings.VAR_DIR) / "video" / "streams"


def local_name(url: str) -> str | None:
    """The test stream's name when `url` is one of ours (/video/streams/<name>/index.m3u8), else None."""
    match = re.match(r"^/video/streams/([a-z0-9-]{1,32})/index\.m3u8$", url or "")
    return match.group(1) if match and match.group(1) in PATTERNS else None


def ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def available(name: str) -> bool:
    """Is the stream there, or can it be made?"""
    return name in PATTERNS and ((root() / name / "index.m3u8").exists() or ffmpeg() is not None)


def ensure(name: str) -> Path | None:
    """The stream's folder, made if needed; None when `name` is unknown or ffmpeg is missing."""
    if name not in PATTERNS:
        return None
    folder = root() / name
    if (folder / "index.m3u8").exists():
        return folder
    binary = ffmpeg()
    if binary is None:
        return None
    root().mkdir(parents=True, exist_ok=True)
    with open(root() / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (folder / "index.m3u8").exists():
            return folder
        work = root() / f".{name}.tmp"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        overlay = "drawtext=text='%{pts\\:hms}':x=10:y=10:fontsize=24:fontcolor=white:box=1:boxcolor=black"
        command = [binary, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", PATTERNS[name], "-t", str(SECONDS)]
        base = ["-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
                "-g", "30", "-keyint_min", "30", "-sc_threshold", "0", "-f", "hls", "-hls_time", "2",
                "-hls_list_size", "0", "-hls_playlist_type", "vod",
                "-hls_segment_filename", str(work / "seg%05d.ts"), str(work / "index.m3u8")]
        done = subprocess.run([*command, "-vf", overlay, *base], capture_output=True, timeout=120)
        if done.returncode != 0:  # an ffmpeg built without drawtext (no fonts): the pattern alone
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            subprocess.run([*command, *base], capture_output=True, timeout=120, check=True)
        work.rename(folder)
    return folder


def file_of(name: str, filename: str) -> Path | None:
    if not NAME.match(name or "") or not FILE.match(filename or ""):
        return None
    folder = ensure(name)
    if folder is None:
        return None
    path = folder / filename
    return path if path.is_file() else None
