"""From a caller's number, as any source sends it, to the card and the scripts that fit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from assist.customers.card import CallerCard, build_card, card_flags, unknown_caller_card
from assist.customers.phones import DEFAULT_REGION, PhoneError, is_withheld, to_e164
from assist.customers.store import CustomerStore
from assist.customers.suggest import ScriptTriggers, suggest_scripts


@dataclass(frozen=True)
class CardLookup:
    card: CallerCard
    number: str = ""  # E.164, empty when withheld or not a number
    withheld: bool = False
    # Set when a number came but is not one (a source's garbage): the card is an unknown caller's.
    number_problem: str = ""

    @property
    def customer_id(self) -> str | None:
        return self.card.customer_id or None


class CardLookupService:
    """Thread-safe: sources look cards up from their own threads (the scripts are fixed at creation;
    the region may be changed at any time, a plain attribute read once per lookup)."""

    def __init__(self, store: CustomerStore, scripts: Sequence[ScriptTriggers] = (),
                 region: str = DEFAULT_REGION, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.region = region
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._scripts: tuple[ScriptTriggers, ...] = tuple(scripts)

    def normalise(self, raw: str | None) -> tuple[str, str]:
        """(E.164 or "", problem or "")."""
        if raw is None or is_withheld(raw):
            return "", ""
        try:
            return to_e164(raw, self.region), ""
        except PhoneError as error:
            return "", str(error)

    def lookup(self, raw_number: str | None) -> CardLookup:
        now = self._clock()
        withheld = raw_number is None or is_withheld(raw_number)
        number, problem = self.normalise(raw_number)
        history = self.store.history_for_phone(number) if number else None
        if history is None:
            return CardLookup(unknown_caller_card(number, now), number, withheld, problem)
        flags = card_flags(history, now)
        suggested = suggest_scripts(history, flags, self._scripts)
        return CardLookup(build_card(history, number, now, suggested, flags), number, withheld, problem)
