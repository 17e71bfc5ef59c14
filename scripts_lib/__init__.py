"""Scenario scripts (steps, branches, placeholders) and signed script packs. Never imports Qt."""
