"""Call events from softphones and telephony systems, all turned into one CallEvent (Qt-free)."""
