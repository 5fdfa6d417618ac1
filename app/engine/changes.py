"""What one answer changed, so a screen can update just that (Session.set_reporting).

The recomputation (recompute.py) notes, while a ChangeReport is open, every node whose value,
required, read-only or constraint state or choice list it changed, and whether the form's layout
changed (relevance flipped, repeat instances added or removed): then the caller rebuilds all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.engine.instance import Node


@dataclass
class ChangeReport:
    """Nodes whose presentation may differ after a change; layout_changed: rebuild everything."""

    nodes: set[Node] = field(default_factory=set)
    layout_changed: bool = False
    refs: set[str] = field(default_factory=set)  # filled by Session.set_reporting
