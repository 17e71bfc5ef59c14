"""The caller's card as the sidebar needs it: how to address them, flags, and placeholder values.

The phone-ring work fills it from telephony events and customer history; the sidebar only reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class CallerCard:
    # How the agent addresses the caller ("王女士"), never the full legal name.
    address_as: str
    phone_tail: str = ""
    flags: tuple[str, ...] = ()
    # Dotted placeholder names ("order.id") to the values lines are filled with.
    facts: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    summary: str = ""
    suggested_scripts: tuple[str, ...] = ()

    def placeholder_values(self) -> dict[str, str]:
        values = dict(self.facts)
        values.setdefault("customer.name", self.address_as)
        if self.phone_tail:
            values.setdefault("customer.phone_tail", self.phone_tail)
        return values
