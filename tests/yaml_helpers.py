"""Helpers shared by the property tests."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def styled(value: Any, flow: bool) -> Any:
    """Plain values as ruamel round-trip containers, all in flow or all in block style."""
    if isinstance(value, dict):
        result: CommentedMap | CommentedSeq = CommentedMap(
            (key, styled(child, flow)) for key, child in value.items()
        )
    elif isinstance(value, list):
        result = CommentedSeq(styled(child, flow) for child in value)
    else:
        return value
    if flow:
        result.fa.set_flow_style()
    else:
        result.fa.set_block_style()
    return result
