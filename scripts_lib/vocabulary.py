"""The fixed vocabularies of docs/script-format.md: categories, customer flags and ticket types."""

from __future__ import annotations

# The same categories as FAQ entries; "service" is general call handling (silence, latent needs, outages).
CATEGORIES = ("returns-refunds", "shipping", "membership", "trade-in", "app-account", "payment",
              "complaints", "privacy", "service")
CUSTOMER_FLAGS = ("vip", "elderly", "repeat_caller", "repeat_complaint", "promise_pending",
                  "abusive_history")
TICKET_TYPES = ("refund", "return", "logistics", "repair", "complaint", "account", "payment", "trade_in",
                "membership", "privacy", "outage")
