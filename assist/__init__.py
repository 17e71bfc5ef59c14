"""Agent Assist: the call-center sidebar application (CLI, Qt sidebar, telephony, customer cards)."""

__version__ = "0.1.0"
