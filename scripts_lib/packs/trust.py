"""The public keys a store accepts pack signatures from."""

from __future__ import annotations

from sqlalchemy import select

from knowledge.models import TrustedKey
from knowledge.store import KnowledgeStore
from scripts_lib.packs.signing import PublicKey, parse_public_key


def trusted_keys(store: KnowledgeStore) -> dict[str, PublicKey]:
    with store.session() as session:
        rows = session.scalars(select(TrustedKey).order_by(TrustedKey.name)).all()
        return {row.fingerprint: parse_public_key(row.public_key.encode("ascii"), f"trusted key {row.name}")
                for row in rows}


def trust_key(store: KnowledgeStore, key: PublicKey) -> bool:
    """Trust `key`; False when it already was (its name is then updated)."""
    with store.session() as session, session.begin():
        row = session.get(TrustedKey, key.fingerprint)
        if row is not None:
            row.name = key.name
            return False
        session.add(TrustedKey(fingerprint=key.fingerprint, name=key.name,
                               public_key=key.to_openssh().strip()))
        return True
