"""Script packs: a signed zip of scripts and FAQ entries that a team lead builds and every sidebar
verifies before installing (docs/packs.md)."""

from scripts_lib.packs.archive import EXTENSION, read_pack
from scripts_lib.packs.build import build_pack, sign_pack
from scripts_lib.packs.install import (
    InstalledPack,
    PackChange,
    install_pack,
    installed_packs,
    rollback_pack,
    uninstall_pack,
)
from scripts_lib.packs.manifest import Manifest
from scripts_lib.packs.problems import PackError
from scripts_lib.packs.signing import (
    PublicKey,
    delete_key,
    generate_key,
    parse_public_key,
    private_key,
    read_public_key,
    short,
)
from scripts_lib.packs.trust import trust_key, trusted_keys
from scripts_lib.packs.verify import VerifiedPack, verify_pack

__all__ = ["EXTENSION", "InstalledPack", "Manifest", "PackChange", "PackError", "PublicKey", "VerifiedPack",
           "build_pack", "delete_key", "generate_key", "install_pack", "installed_packs", "parse_public_key",
           "private_key", "read_pack", "read_public_key", "rollback_pack", "short", "sign_pack", "trust_key",
           "trusted_keys", "uninstall_pack", "verify_pack"]
