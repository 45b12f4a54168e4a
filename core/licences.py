"""Licences of the dependencies pinned in requirements.lock, checked against AGPL-3.0-or-later."""

from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

# Licences whose code may be combined into an AGPL-3.0-or-later work (FSF's compatibility list).
COMPATIBLE = ("MIT", "BSD", "APACHE", "PSF", "PYTHON SOFTWARE FOUNDATION", "MPL-2.0", "MOZILLA PUBLIC LICENSE 2.0",
              "LGPL", "LESSER GENERAL PUBLIC", "GPL-3.0", "GPLV3", "GNU GENERAL PUBLIC LICENSE V3", "AGPL", "ISC",
              "ZLIB", "HPND", "MIT-CMU", "UNLICENSE", "CC0",
              "ZPL-2.1")  # Zope Public License 2.1: FSF lists it as GPL-compatible


def pinned_packages(lock: Path) -> list[str]:
    return [line.split("==")[0].strip() for line in lock.read_text().splitlines()
            if "==" in line and not line.lstrip().startswith("#")]


def licence_of(name: str) -> str:
    meta = distribution(name).metadata
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " / ".join(filter(None, [meta.get("License-Expression") or (meta.get("License") or "")[:80],
                                    *classifiers]))


def incompatible(lock: Path) -> dict[str, str]:
    """Packages whose declared licence is not on the compatible list (or not installed)."""
    problems = {}
    for name in pinned_packages(lock):
        try:
            text = licence_of(name)
        except PackageNotFoundError:
            problems[name] = "chưa cài"
            continue
        if not any(word in text.upper() for word in COMPATIBLE):
            problems[name] = text or "không khai báo giấy phép"
    return problems
