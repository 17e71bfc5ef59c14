"""Which scripts fit a caller before anyone types: script triggers scored against the card.

An open ticket's type says most about why someone calls, and a script made for that one ticket type
(refund-not-received: `refund`) fits better than one that lists five; flags (elderly, a promise due)
add to it, and so do trigger keywords found in an open ticket's summary or the last call's outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assist.customers.records import CustomerHistory

SUGGESTED = 3
# Flags that say what kind of caller a script is for: without one of them, it is not the caller's script,
# however well the ticket type fits (the abusive-caller script for every complaint, say).
DEFINING_FLAGS = frozenset({"abusive_history"})
KEYWORD_WEIGHT = 2.5
# One matching flag of a script made for that flag alone scores 3; a script that merely lists a common
# flag (repeat_caller) among others scores less, and is no suggestion on that alone.
MINIMUM_SCORE = 3.0


@dataclass(frozen=True)
class ScriptTriggers:
    script_id: str
    flags: tuple[str, ...] = ()
    ticket_types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # every language's, lower-cased


def triggers_from_script_data(data: dict[str, object]) -> ScriptTriggers:
    """From a stored script's JSON (scripts_lib's to_json shape)."""
    triggers = data.get("triggers")
    if not isinstance(triggers, dict):
        triggers = {}
    keywords = triggers.get("keywords")
    words = [str(word).lower() for values in (keywords.values() if isinstance(keywords, dict) else ())
             if isinstance(values, list) for word in values]
    return ScriptTriggers(str(data.get("id", "")),
                          tuple(str(flag) for flag in triggers.get("flags") or ()),
                          tuple(str(kind) for kind in triggers.get("ticket_types") or ()),
                          tuple(words))


def suggest_scripts(history: CustomerHistory | None, flags: Sequence[str],
                    scripts: Iterable[ScriptTriggers], limit: int = SUGGESTED) -> tuple[str, ...]:
    open_tickets = [ticket for ticket in history.tickets if ticket.is_open] if history else []
    # The newest open ticket is most likely what this call is about.
    open_tickets.sort(key=lambda ticket: ticket.opened, reverse=True)
    said = " ".join([ticket.summary for ticket in open_tickets]
                    + [call.outcome for call in (history.interactions[:1] if history else ())]).lower()
    scored: list[tuple[float, str]] = []
    for script in scripts:
        defining = DEFINING_FLAGS.intersection(script.flags)
        if defining and not defining.intersection(flags):
            continue
        score = 0.0
        for position, ticket in enumerate(open_tickets):
            if ticket.type in script.ticket_types:
                weight = 1.0 if position == 0 else 0.5
                score += weight * (2 + 6 / len(script.ticket_types))
        for flag in flags:
            if flag in script.flags:
                score += 2 + 1 / len(script.flags)
        if said:
            score += KEYWORD_WEIGHT * min(2, sum(1 for word in script.keywords if word and word in said))
        if score >= MINIMUM_SCORE:
            scored.append((score, script.script_id))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(script_id for _score, script_id in scored[:limit])
