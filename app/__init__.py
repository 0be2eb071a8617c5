"""Kooperacja: offline-first case management for the Model Kooperacji.

The package is layered (see docs/architecture.md and the import-linter contracts in pyproject.toml):
``store`` and ``models`` at the bottom, ``services`` above them, ``sync`` and ``printing`` above
services, and ``ui`` (the only Qt code) on top.
"""

from importlib import metadata

try:
    __version__ = metadata.version("kooperacja")
except metadata.PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
