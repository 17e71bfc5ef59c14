"""The knowledge base: FAQ entries, their store, and the search engine. Never imports Qt."""
