"""Where the team server's password lives: the OS keyring, never a file, a URL on disk, a log line or a
command line. URLs carry the server, the user and TLS options (`sslmode`, `sslrootcert`); the password
is added in memory when connecting."""

from __future__ import annotations

import contextlib
import getpass

import keyring
from keyring.errors import KeyringError, NoKeyringError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from assist.team.errors import TeamError, first_line

SERVICE = "agent-assist-team"
_DRIVER = "postgresql+psycopg"


def parse_server_url(text: str, allow_sqlite: bool = False) -> URL:
    """A team server's URL with its driver settled; a password in it is refused rather than used, so
    nobody learns to type one where the process list and shell history keep it."""
    try:
        url = make_url(text.strip())
    except ArgumentError as error:
        raise TeamError(f"not a database URL: {first_line(error)}") from None
    if url.password is not None or "password" in url.query or "sslpassword" in url.query:
        raise TeamError("the URL holds a password; leave it out and run `assist team login --db URL`, "
                        "which keeps it in the system keyring")
    backend = url.get_backend_name()
    if backend == "sqlite" and allow_sqlite:
        return url
    if backend != "postgresql":
        raise TeamError(f"a team server URL starts with postgresql:// (got {backend}://)")
    if url.username is None:
        url = url.set(username=getpass.getuser())
    return url.set(drivername=_DRIVER)


def shown(url: URL) -> str:
    """The URL as people see it: no password, ever (there is none in it, but say so twice)."""
    return url.render_as_string(hide_password=True)


def place(url: URL) -> str:
    """The server and database without the user: what the sidebar says it follows."""
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def account(url: URL) -> str:
    """The keyring entry for one user on one server and database."""
    return f"{url.username}@{place(url)}"


def save_password(url: URL, password: str) -> None:
    try:
        keyring.set_password(SERVICE, account(url), password)
    except KeyringError as error:
        raise TeamError(f"could not write to the system keyring ({first_line(error)}); on a desktop "
                        "without one, install and unlock a Secret Service (GNOME Keyring, KWallet)"
                        ) from None


def forget_password(url: URL) -> None:
    # Nothing stored, or no keyring: either way nothing is left behind.
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, account(url))


def stored_password(url: URL) -> str | None:
    """None when nothing is stored, and when there is no keyring to hold anything: a server that
    trusts this user needs no password, and one that does not will say so when connecting."""
    try:
        return keyring.get_password(SERVICE, account(url))
    except NoKeyringError:
        return None
    except KeyringError as error:
        raise TeamError(f"could not read from the system keyring ({first_line(error)})") from None


def with_password(url: URL) -> URL:
    """The URL to connect with: the keyring's password added in memory (none stored: the server may
    trust this user, or will say it needs one)."""
    if url.get_backend_name() != "postgresql" or url.password is not None:
        # A password given in memory (`team login` checking the one just typed) is the one to use.
        return url
    password = stored_password(url)
    return url if password is None else url.set(password=password)
