"""A team on one server: shared PostgreSQL, replica sync, roles (Qt-free)."""
