"""Callers and their history, Qt-free: what the sidebar's card shows and fills placeholders from."""
