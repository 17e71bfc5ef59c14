"""The one error type of packs: a single line that says what is wrong, for stderr and dialogs."""


class PackError(Exception):
    pass
