"""om: the registry of the networks and partners of the Offensive Mittelstand, checked."""

from __future__ import annotations

__version__ = "0.1.0"
