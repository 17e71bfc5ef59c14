"""The per-install token a softphone or CTI system must send with every HTTP call event.

It lives in the OS keyring (a secret, like every other), made on first use; the agent reads it with
`assist calls token` to paste into the softphone's URL. Per data folder, so two installs differ.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import keyring
import keyring.errors

KEYRING_SERVICE = "agent-assist-call-http"


class TokenError(RuntimeError):
    pass


def _account(data_dir: Path) -> str:
    folder = os.path.normcase(os.path.realpath(os.path.expanduser(os.fspath(data_dir))))
    return "token-" + hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def call_token(data_dir: Path, create: bool = True) -> str | None:
    """The install's token, made and stored now if there is none (and `create`)."""
    account = _account(data_dir)
    try:
        token = keyring.get_password(KEYRING_SERVICE, account)
        if token is None and create:
            token = secrets.token_urlsafe(24)
            keyring.set_password(KEYRING_SERVICE, account, token)
    except keyring.errors.NoKeyringError:
        raise TokenError("no OS keyring is available to keep the HTTP call token (on Linux, start a "
                         "Secret Service such as gnome-keyring); the HTTP call source stays off") from None
    except keyring.errors.KeyringError as error:
        raise TokenError(f"the OS keyring refused the HTTP call token ({error})") from None
    return token


def new_call_token(data_dir: Path) -> str:
    """Replace the token (after it leaked): every softphone URL must be updated."""
    account = _account(data_dir)
    token = secrets.token_urlsafe(24)
    try:
        keyring.set_password(KEYRING_SERVICE, account, token)
    except keyring.errors.KeyringError as error:
        raise TokenError(f"the OS keyring refused the HTTP call token ({error})") from None
    return token
