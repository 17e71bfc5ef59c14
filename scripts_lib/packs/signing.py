"""Ed25519 signing keys for packs: private keys live only in the OS keyring, public keys travel as
one-line OpenSSH files, and a store trusts the keys a lead has handed out."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors
import tomli_w
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from scripts_lib.packs.manifest import SIGNATURE
from scripts_lib.packs.problems import PackError, read_capped

KEYRING_SERVICE = "agent-assist/pack-signing"
KEY_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MAX_PUBLIC_KEY_BYTES = 16 * 1024
# A fingerprint and a 64-byte signature in base64 take about 200 bytes.
MAX_SIGNATURE_BYTES = 1024


@dataclass(frozen=True)
class PublicKey:
    key: Ed25519PublicKey
    name: str

    @property
    def raw(self) -> bytes:
        return self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def to_openssh(self) -> str:
        line = self.key.public_bytes(serialization.Encoding.OpenSSH,
                                     serialization.PublicFormat.OpenSSH).decode("ascii")
        return f"{line} {self.name}\n"


def short(fingerprint: str) -> str:
    """How a fingerprint is shown: long enough to tell keys apart by eye."""
    return f"SHA256:{fingerprint[:16]}"


def _keyring_call(action: str, call: object, *args: str) -> str | None:
    try:
        return call(*args)  # type: ignore[operator,no-any-return]
    except keyring.errors.NoKeyringError:
        raise PackError(f"cannot {action}: no OS keyring is available (on Linux, start a Secret "
                        "Service such as gnome-keyring); private keys are never written to files") from None
    except keyring.errors.KeyringError as error:
        raise PackError(f"cannot {action}: the OS keyring refused ({error})") from None


def _check_key_name(name: str) -> None:
    if not KEY_NAME_RE.match(name):
        raise PackError(f"key name {name[:40]!r} must be letters, digits, '.', '_', '@' or '-'")


def generate_key(name: str) -> PublicKey:
    """A new signing key stored in the keyring under `name`; refuses to replace an existing one."""
    _check_key_name(name)
    if _keyring_call("read the keyring", keyring.get_password, KEYRING_SERVICE, name) is not None:
        raise PackError(f"a signing key named '{name}' already exists in the keyring; choose another name")
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    _keyring_call("store the key", keyring.set_password, KEYRING_SERVICE, name,
                  base64.b64encode(raw).decode("ascii"))
    return PublicKey(private.public_key(), name)


def delete_key(name: str) -> None:
    """Take back a key just created whose public half could not be written."""
    _keyring_call("remove the key", keyring.delete_password, KEYRING_SERVICE, name)


def read_public_key(path: Path) -> PublicKey:
    return parse_public_key(read_capped(path, MAX_PUBLIC_KEY_BYTES), str(path))


def private_key(name: str) -> Ed25519PrivateKey:
    _check_key_name(name)
    stored = _keyring_call("read the keyring", keyring.get_password, KEYRING_SERVICE, name)
    if stored is None:
        raise PackError(f"no signing key named '{name}' in the keyring; create it with "
                        f"`assist pack keygen {name}`")
    try:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored, validate=True))
    except (ValueError, binascii.Error):
        raise PackError(f"the keyring entry for '{name}' is not an Ed25519 key") from None


def parse_public_key(data: bytes, source: str) -> PublicKey:
    """An OpenSSH one-line Ed25519 public key ("ssh-ed25519 AAAA... NAME")."""
    if len(data) > MAX_PUBLIC_KEY_BYTES:
        raise PackError(f"{source} is too large to be a public key")
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        raise PackError(f"{source} is not a public key file (not ASCII text)") from None
    parts = text.split(maxsplit=2)
    if len(parts) < 2 or parts[0] != "ssh-ed25519":
        raise PackError(f"{source} is not an Ed25519 public key (expected a line starting "
                        "'ssh-ed25519', as written by `assist pack keygen`)")
    try:
        key = serialization.load_ssh_public_key(f"{parts[0]} {parts[1]}".encode("ascii"))
    except (ValueError, binascii.Error, UnsupportedAlgorithm):
        raise PackError(f"{source} holds a damaged public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise PackError(f"{source} is not an Ed25519 public key")
    name = parts[2].strip()[:200] if len(parts) > 2 else ""
    unnamed = PublicKey(key, "")
    return PublicKey(key, name or short(unnamed.fingerprint))


def sign_manifest(manifest: bytes, key: Ed25519PrivateKey) -> bytes:
    """The content of pack.sig: the signer's fingerprint and the signature of the manifest's bytes."""
    fingerprint = PublicKey(key.public_key(), "").fingerprint
    return tomli_w.dumps({"key": fingerprint,
                          "signature": base64.b64encode(key.sign(manifest)).decode("ascii")}).encode()


@dataclass(frozen=True)
class Signature:
    fingerprint: str
    value: bytes


def parse_signature(data: bytes | None) -> Signature:
    if data is None:
        raise PackError("the pack is not signed; sign it with `assist pack sign FILE --key NAME`")
    if len(data) > MAX_SIGNATURE_BYTES:
        raise PackError(f"{SIGNATURE} is damaged (far larger than a signature)")
    try:
        fields = tomllib.loads(data.decode("utf-8"))
        fingerprint, encoded = fields["key"], fields["signature"]
        value = base64.b64decode(encoded, validate=True)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, binascii.Error,
            RecursionError):
        raise PackError(f"{SIGNATURE} is damaged (expected 'key' and a base64 'signature')") from None
    if not isinstance(fingerprint, str) or not re.fullmatch(r"[0-9a-f]{64}", fingerprint) or len(value) != 64:
        raise PackError(f"{SIGNATURE} is damaged (a wrong key fingerprint or signature length)")
    return Signature(fingerprint, value)


def check_signature(manifest: bytes, signature: Signature, key: PublicKey) -> None:
    try:
        key.key.verify(signature.value, manifest)
    except InvalidSignature:
        raise PackError(f"bad signature: {SIGNATURE} does not match the manifest signed by "
                        f"'{key.name}' ({short(key.fingerprint)}); the pack was changed after signing"
                        ) from None
