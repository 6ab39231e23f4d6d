"""Render stage: the tags page in groups, from the tag vocabulary's ``x-groups`` (schemas/common.json).

Material's tags plugin lists every tag with every record under it: about 30,000 px on a phone for
28 tags. Its listing template (overrides/fragments/tags/default/listing.html) folds each tag under
its name and count and starts each group with its heading; this module tells it the groups and
puts the tags in the groups' order (the plugin's ``listings_tags_sort_by``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..schemas import Schemas

TAG_DEF = "tag"  # the vocabulary's definition in common.json's $defs


def tag_groups(schemas: Schemas) -> list[tuple[str, list[str]]]:
    """(group heading, the labels of its tags in the vocabulary's order), in the declared order; a tag in no
    group goes under "Other tags"."""
    definition = schemas.documents["common.json"]["$defs"][TAG_DEF]
    labels: dict[str, str] = definition.get("x-labels", {})
    groups = [(heading, [labels.get(tag, tag) for tag in tags])
              for heading, tags in definition.get("x-groups", {}).items()]
    grouped = {tag for tags in definition.get("x-groups", {}).values() for tag in tags}
    rest = [labels.get(tag, tag) for tag in definition.get("enum", []) if tag not in grouped]
    return groups + ([("Other tags", rest)] if rest else [])


def listing_order(groups: list[tuple[str, list[str]]]) -> Callable[..., tuple[int, str]]:
    """The tags plugin's sort key for a listing's tags: by group, then by name."""
    position = {label: index for index, (_, labels) in enumerate(groups) for label in labels}

    def key(tag: Any, *_: Any) -> tuple[int, str]:
        return position.get(tag.name, len(groups)), tag.name.casefold()
    return key


def template_settings(groups: list[tuple[str, list[str]]]) -> dict[str, str]:
    """Tag name -> the heading of its group, for the first tag of each group in the listing's order (the
    listing template starts a group there)."""
    return {sorted(labels, key=str.casefold)[0]: heading for heading, labels in groups if labels}
