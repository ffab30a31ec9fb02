"""The one rule for the names written into audit events (V8) and their published schemas.

An audit event names an *action* ("edit") and an *entity kind* ("contact"). A kind may carry
one qualifier after a colon, for the lists that have several kinds of their own: editing a
vocabulary entry is ``vocabulary:service`` (or ``vocabulary:origin_region``). The hash chain
keeps every name ever written, so the rule accepts all the names the app has ever written;
:func:`check_entity` refuses any other name before it reaches the log, and the audit summary
schema (resources/schemas/audit-summary.schema.json) uses exactly these patterns, so every
event the app can write appears in a bundle that verifies.
"""

from __future__ import annotations

import re

# A part: a lower-case letter, then up to 39 lower-case letters, digits, hyphens or
# underscores (VocabularyKind values such as "origin_region" have one).
_PART = r"[a-z][a-z0-9_-]{0,39}"
ACTION_PATTERN = r"^[a-z][a-z-]{0,39}$"
ENTITY_PATTERN = rf"^{_PART}(:{_PART})?$"
ACTION_RE: re.Pattern[str] = re.compile(ACTION_PATTERN)
ENTITY_RE: re.Pattern[str] = re.compile(ENTITY_PATTERN)


def check_action(action: str) -> str:
    """``action`` when it follows the rule; ValueError (a programming error) otherwise."""
    if not isinstance(action, str) or not ACTION_RE.fullmatch(action):
        raise ValueError(f"audit action {action!r} does not follow the naming rule")
    return action


def check_entity(entity: str) -> str:
    """``entity`` when it follows the rule; ValueError (a programming error) otherwise."""
    if not isinstance(entity, str) or not ENTITY_RE.fullmatch(entity):
        raise ValueError(f"audit entity {entity!r} does not follow the naming rule")
    return entity


def entity_of(kind: str, qualifier: str | None = None) -> str:
    """The entity name of ``kind`` (and its qualifier, e.g. a vocabulary kind), checked."""
    return check_entity(kind if qualifier is None else f"{kind}:{qualifier}")


def summary_name(name: str, pattern: re.Pattern[str]) -> str:
    """A name read back from an old log, made to follow ``pattern`` for a bundle: a name that
    already does is unchanged; another (only an event written before the rule) is lower-cased,
    every other character becomes a hyphen, and it is cut to the longest length allowed."""
    if pattern.fullmatch(name):
        return name
    head, _, tail = name.lower().partition(":")

    def part(text: str) -> str:
        cleaned = re.sub(r"[^a-z0-9_-]", "-", text).lstrip("0123456789_-")[:40]
        return cleaned or "other"

    fixed = part(head) if not tail or pattern is ACTION_RE else f"{part(head)}:{part(tail)}"
    if pattern is ACTION_RE:
        fixed = re.sub(r"[^a-z-]", "-", fixed).strip("-")[:40] or "other"
    return fixed
