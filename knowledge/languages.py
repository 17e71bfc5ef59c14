"""The languages content is written and shown in; one list for the store, scripts and the CLI."""

LANGS = ("zh-Hans", "zh-Hant", "en")
