"""A private PostgreSQL cluster run from the installed binaries, for tests and benchmarks.

``python -m assist.team.localserver DIR`` starts one in DIR and prints its URL, so a developer has a
server for ``assist bench team`` without configuring anything; ``--stop`` stops it again.
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

DEBIAN_ROOT = Path("/usr/lib/postgresql")
# initdb, pg_ctl and postgres all refuse to run as root; Debian's package creates this user.
SERVER_USER = "postgres"
SETTINGS_FILE = "assist.conf"
LOG_FILE = "server.log"
COMMAND_TIMEOUT = 120.0
LOG_PREFIX = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] ")


def find_binaries() -> Path:
    """The directory holding initdb and pg_ctl: PG_BIN, else the newest Debian version, else PATH."""
    from_env = os.environ.get("PG_BIN")
    if from_env:
        directory = Path(from_env).expanduser()
        if not _has_binaries(directory):
            raise RuntimeError(f"PG_BIN={from_env} holds no PostgreSQL server binaries (initdb, pg_ctl)")
        return directory
    versions = [path for path in DEBIAN_ROOT.glob("*/bin") if _has_binaries(path)]
    if versions:
        return max(versions, key=lambda path: _version_key(path.parent.name))
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl and _has_binaries(Path(pg_ctl).parent):
        return Path(pg_ctl).parent
    raise RuntimeError(f"no PostgreSQL server binaries in {DEBIAN_ROOT}/*/bin or on PATH "
                       "(install the Debian package postgresql, or set PG_BIN)")


def _has_binaries(directory: Path) -> bool:
    return all(os.access(directory / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


def _version_key(name: str) -> tuple[int, ...]:
    # "9.6" < "15" only when compared as numbers
    return tuple(int(part) for part in re.findall(r"\d+", name)) or (-1,)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class LocalPostgres:
    """One cluster in ``directory`` (its data directory), listening on 127.0.0.1 with trust auth.

    As a context manager it starts the cluster and stops it on exit; a cluster made by
    :meth:`temporary` is removed on exit as well.
    """

    def __init__(self, directory: Path, port: int | None = None, max_connections: int = 300,
                 durable: bool = False) -> None:
        self.directory = Path(directory).expanduser().absolute()
        self.max_connections = max_connections
        # Benchmarks that speak for a real server keep its durability (every commit flushed).
        self.durable = durable
        self._port = port
        self._bin: Path | None = None
        self._removable_parent: Path | None = None

    @classmethod
    def temporary(cls, port: int | None = None, max_connections: int = 300) -> LocalPostgres:
        """A cluster in a new temporary directory that :meth:`cleanup` removes entirely."""
        parent = Path(tempfile.mkdtemp(prefix="assist-pg-"))
        # mkdtemp makes 0o700; the server user must be able to reach the cluster inside when we are root
        parent.chmod(0o755)
        server = cls(parent / "data", port=port, max_connections=max_connections)
        server._removable_parent = parent
        return server

    # -- state -------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError(f"the cluster in {self.directory} has no port yet: start it first")
        return self._port

    @property
    def log_file(self) -> Path:
        return self.directory / LOG_FILE

    @property
    def initialised(self) -> bool:
        return (self.directory / "PG_VERSION").is_file()

    @property
    def running(self) -> bool:
        if not (self.directory / "postmaster.pid").is_file():
            return False
        # a pid file survives a crash; pg_ctl checks that its process is alive
        result = self._run("pg_ctl", "status", "-D", str(self.directory))
        return result.returncode == 0

    def url(self, user: str = "postgres", database: str = "postgres",
            driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{user}@127.0.0.1:{self.port}/{database}"

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Create the cluster unless the directory holds one, then start it; no-op when running."""
        self._binaries()  # missing binaries are the likelier problem, and should not leave a directory
        if self.running:
            self._adopt_running_port()
            return
        self._prepare_directory()
        if not self.initialised:
            self._initdb()
        self._choose_port()
        self._write_settings()
        result = self._run("pg_ctl", "-w", "-t", "60", "-D", str(self.directory),
                           "-l", str(self.log_file), "start")
        if result.returncode != 0:
            raise RuntimeError(f"PostgreSQL in {self.directory} did not start; "
                               f"the end of {self.log_file}: {self._log_tail()}")

    def stop(self, mode: str = "fast") -> None:
        if not self.running:
            return
        result = self._run("pg_ctl", "-w", "-t", "60", "-D", str(self.directory), "-m", mode, "stop")
        if result.returncode != 0:
            raise RuntimeError(f"PostgreSQL in {self.directory} did not stop ({mode}): {_last_line(result)}")

    def restart(self) -> None:
        # keeps the port, so URLs handed out before stay valid
        self.stop()
        self.start()

    def kill(self) -> None:
        """Stop without a shutdown checkpoint, as a crash would; the next start runs recovery."""
        self.stop(mode="immediate")

    def cleanup(self) -> None:
        """Stop the cluster and remove its directory (and the temporary parent :meth:`temporary` made)."""
        try:
            self.stop()
        except RuntimeError:
            self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)
        if self._removable_parent is not None:
            shutil.rmtree(self._removable_parent, ignore_errors=True)

    def __enter__(self) -> LocalPostgres:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._removable_parent is not None:
            self.cleanup()
        else:
            self.stop()

    # -- internals ---------------------------------------------------------------------------------

    def _binaries(self) -> Path:
        if self._bin is None:
            self._bin = find_binaries()
        return self._bin

    def _as_root(self) -> bool:
        return os.geteuid() == 0

    def _server_user(self) -> pwd.struct_passwd:
        try:
            return pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise RuntimeError(f"running as root, but there is no '{SERVER_USER}' user to run PostgreSQL as "
                               "(the Debian package postgresql creates it)") from None

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a server binary as the server user; the caller judges the exit status."""
        command = [str(self._binaries() / program), *args]
        if self._as_root():
            self._server_user()
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        # the server user may not be allowed into our working directory; pg_ctl changes into it
        cwd = self.directory if self.directory.is_dir() else Path("/")
        try:
            result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                                    timeout=COMMAND_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{program} {' '.join(args)} took over {COMMAND_TIMEOUT:.0f} s") from None
        return result

    def _prepare_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if not self._as_root():
            return
        user = self._server_user()
        if self.directory.stat().st_uid != user.pw_uid:
            os.chown(self.directory, user.pw_uid, user.pw_gid)
        reachable = subprocess.run(["runuser", "-u", SERVER_USER, "--", "test", "-w", str(self.directory)],
                                   cwd="/", capture_output=True, check=False)
        if reachable.returncode != 0:
            raise RuntimeError(f"user {SERVER_USER} cannot reach {self.directory}: "
                               "make its parent directories traversable (chmod o+x, or mode 0o755)")

    def _initdb(self) -> None:
        base = ["-D", str(self.directory), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                "--no-sync", "--no-instructions"]
        result = self._run("initdb", *base, "--locale=C.UTF-8")
        if result.returncode != 0 and "locale" in result.stderr.lower():
            # a system without the C.UTF-8 locale still has C, which is all the tests need
            result = self._run("initdb", *base, "--no-locale")
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed for {self.directory}: {_last_line(result)}")

    def _choose_port(self) -> None:
        if self._port is not None:
            return
        # the port this cluster used last time keeps a developer's URL stable across restarts
        previous = re.search(r"^port\s*=\s*(\d+)", self._read(self.directory / SETTINGS_FILE), re.MULTILINE)
        if previous and _port_is_free(int(previous.group(1))):
            self._port = int(previous.group(1))
        else:
            self._port = free_port()

    def _adopt_running_port(self) -> None:
        # postmaster.pid's fourth line is the port the running server listens on
        lines = self._read(self.directory / "postmaster.pid").splitlines()
        actual = int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None
        if self._port is not None and actual is not None and actual != self._port:
            raise RuntimeError(f"PostgreSQL in {self.directory} is already running on port {actual}, "
                               f"not {self._port}")
        if actual is not None:
            self._port = actual

    def _write_settings(self) -> None:
        settings = (
            "# Written by assist.team.localserver on every start; edits are lost.\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {self.port}\n"
            f"unix_socket_directories = '{_quote(str(self.directory))}'\n"
            f"max_connections = {self.max_connections}\n"
        )
        # TLS, so clients can be tested with sslmode=require and verify-full (certificate: tls_certificate).
        self._make_certificate()
        settings += "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
        if self.durable:
            settings += "# Durable, as a production server: every commit reaches the disk.\n"
        else:
            settings += (
                "# For tests only: these make commits several times faster, and a crash of\n"
                "# the machine can then corrupt the cluster. Never keep real data here.\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )
        self._write(self.directory / SETTINGS_FILE, settings)
        main_conf = self.directory / "postgresql.conf"
        include = f"include_if_exists = '{SETTINGS_FILE}'"
        if include not in self._read(main_conf):
            # the include comes last, so these settings win over initdb's defaults
            with main_conf.open("a", encoding="utf-8") as conf:
                conf.write(f"\n{include}\n")

    @property
    def tls_certificate(self) -> Path:
        """The server's self-signed certificate (for 127.0.0.1 and localhost): a client's sslrootcert."""
        return self.directory / "server.crt"

    def _make_certificate(self) -> None:
        if self.tls_certificate.exists():
            return
        import datetime as dt
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
        now = dt.datetime.now(dt.UTC)
        certificate = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
        self._write(self.directory / "server.key", key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode("ascii"))
        (self.directory / "server.key").chmod(0o600)  # the server refuses a key others can read
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        self._write(self.tls_certificate, pem)
        self.tls_certificate.chmod(0o644)

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        if self._as_root():
            user = self._server_user()
            os.chown(path, user.pw_uid, user.pw_gid)
            path.chmod(0o600)

    @staticmethod
    def _read(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def _log_tail(self, lines: int = 5) -> str:
        # the timestamp and pid prefix of each line would crowd out the message
        text = [" ".join(LOG_PREFIX.sub("", line).split()) for line in self._read(self.log_file).splitlines()]
        return " | ".join([line for line in text if line][-lines:]) or "(empty)"


def _quote(value: str) -> str:
    return value.replace("'", "''")


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    """The line that says what went wrong: initdb and pg_ctl put hints and progress after it."""
    errors = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    chosen = [line for line in errors if "error" in line.lower()] or errors
    if chosen:
        return chosen[-1]
    output = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    return output[-1] if output else f"exit status {result.returncode}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assist.team.localserver",
        description="Start (or stop) a private PostgreSQL cluster for tests and benchmarks; "
                    "prints its URL. Not for real data: fsync is off unless --durable.")
    parser.add_argument("directory", type=Path, help="the cluster's data directory (created when needed)")
    parser.add_argument("--port", type=int, default=None,
                        help="default: the one used last time, else a free one")
    parser.add_argument("--max-connections", type=int, default=300)
    parser.add_argument("--durable", action="store_true",
                        help="flush every commit to disk, as a production server does (for benchmarks)")
    parser.add_argument("--stop", action="store_true", help="stop the cluster in DIRECTORY")
    args = parser.parse_args(argv)
    server = LocalPostgres(args.directory, port=args.port, max_connections=args.max_connections,
                           durable=args.durable)
    try:
        if args.stop:
            server.stop()
        else:
            server.start()
            print(server.url())
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
