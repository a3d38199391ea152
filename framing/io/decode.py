"""Bytes to text: size limits, gzip, binary files refused, UTF-8 with a cp1252 / latin-1 fallback."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Any

from framing.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "decode", "gzipped", "max_bytes_default", "open_maybe_gzipped", "read_bytes"]

#: Largest single article accepted by default (20 MB); override with ``max_bytes`` / ``FRAMING_MAX_BYTES``.
DEFAULT_MAX_BYTES = 20_000_000

_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"%PDF", "PDF document"), (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"), (b"\x1f\x8b", "gzip archive"), (b"\x7fELF", "executable"),
)  # fmt: skip


# UTF-32 first: its little-endian mark begins with UTF-16's
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)  # fmt: skip


def max_bytes_default() -> int:
    env = os.environ.get("FRAMING_MAX_BYTES")
    return int(env) if env and env.isdigit() else DEFAULT_MAX_BYTES


# --- decoding ----------------------------------------------------------------------------------------------


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, falling back to cp1252 / latin-1 with a warning; refuse binary data."""
    for bom, enc in _BOMS:  # UTF-16 / UTF-32 say so in their first bytes; without a BOM their NULs read as binary
        if data.startswith(bom):
            try:
                return data.decode(enc), [f"decoded as {enc.upper()} (byte order mark)"]
            except UnicodeDecodeError:
                break
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if b"\x00" in head:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = f"invalid UTF-8 at byte {exc.start}"
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(ch < " " and ch not in "\n\r\t\f" for ch in text[:8192])
        if controls > len(text[:8192]) * 0.05:
            raise InputError(source, f"binary file ({where}, many control characters), not text")
        return text, [f"{where}; decoded as {enc}"]
    raise InputError(source, f"cannot decode ({where})")  # pragma: no cover - latin-1 decodes any bytes


def read_bytes(path: Path, max_bytes: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputError(
            source,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one article; raise it with "
            "--max-bytes N (CLI), max_bytes=N (API) or FRAMING_MAX_BYTES, or split the file",
        )
    try:
        if not gzipped(path):
            return path.read_bytes()
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # bounded: a small .gz may expand enormously
    except (OSError, EOFError) as exc:
        raise InputError(source, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > max_bytes:
        raise InputError(source, f"decompressed text is over the {max_bytes / 1e6:.0f} MB limit for one article")
    return data


def gzipped(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def open_maybe_gzipped(path: Path, mode: str, **kwargs: Any) -> Any:
    """Open a file, transparently decompressing ``.gz``."""
    if gzipped(path):
        return gzip.open(path, mode if "b" in mode else mode + "t", **kwargs)
    return path.open(mode, **kwargs)
