"""Find (or start) the PostgreSQL the suite runs against and build Odoo commands.

Shared by ``tools/cs_test.py`` (the test command) and ``tools/cs_run.py`` (the
run command). Plain Python, no Odoo import at module level, so a machine
without Odoo still gets a clear message instead of an ImportError.

Resolution order for the server: ``odoo.conf`` keys ``db_host``/``db_port``,
then the usual ``PGHOST``/``PGPORT`` variables, then ``127.0.0.1:5432``.
Odoo refuses to connect as ``postgres``, so commands use a role of their own
(``db_user`` in odoo.conf, ``PGUSER`` or ``odoo``), created when missing.
"""

import configparser
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, "addons")
ODOO_CONF = os.path.join(ROOT, "odoo.conf")
MODULES = ("cs_callcenter", "cs_helpdesk", "cs_survey", "cs_property")
# The modules the suite extends: their own tests must stay green with ours.
UPSTREAM_MODULES = (
    "helpdesk_mgmt",
    "survey",
    "report_xlsx",
    "document_page",
    "account_credit_control",
)

INSTALL_HELP = """\
Odoo 18.0 is not importable by {python}.
Install Odoo 18.0 Community first, one of the official ways:
  * Docker: `docker compose up` (image odoo:18.0, see README.md), or
  * source, as a regular (non-editable) distribution:
            git clone -b 18.0 --depth 1 https://github.com/odoo/odoo /opt/odoo18
            grep -v python-ldap /opt/odoo18/requirements.txt > /tmp/odoo-req.txt
            echo 'setuptools<70' > /tmp/constraints.txt
            PIP_CONSTRAINT=/tmp/constraints.txt pip install -r /tmp/odoo-req.txt
            PIP_CONSTRAINT=/tmp/constraints.txt pip install /opt/odoo18
then the suite's own requirements: pip install -r requirements.txt
"""

SHADOWED_HELP = """\
Odoo is installed for {python} but `import odoo` finds {folder} instead:
the `odoo/` folder the OCA wheels (helpdesk_mgmt, report_xlsx, ...) install
their add-ons into shadows an editable install (`pip install -e`), so
`from odoo import SUPERUSER_ID` fails. Install Odoo as a regular distribution:
            pip uninstall -y odoo
            PIP_CONSTRAINT=/tmp/constraints.txt pip install <odoo 18.0 source>
(the OCA wheels stay installed; see README.md, Native install).
"""

NOT_A_DISTRIBUTION_HELP = """\
Note: Odoo is importable by {python} but not installed as a distribution
(pip does not know it), so `pip install -r requirements.txt` cannot resolve the
OCA wheels' `odoo` requirement. Install it with `pip install <odoo 18.0 source>`.
"""


def odoo_problem():
    """Why Odoo 18 cannot be used by this interpreter, or None when it can.

    Tells apart "not installed" from "installed but shadowed": pip's editable
    installs are found by a finder that runs after the regular path search, so
    the wheels' `site-packages/odoo/` folder (a namespace package with only
    `addons/` inside) wins and the real package is never imported.
    """
    try:
        import odoo  # imported late on purpose: Odoo may be missing
        import odoo.release
    except ImportError:
        return INSTALL_HELP.format(python=sys.executable)
    if getattr(odoo, "__file__", None) is None:
        # A namespace package: only folders without __init__.py were found.
        import importlib.metadata

        folders = ", ".join(getattr(odoo, "__path__", []))
        try:
            importlib.metadata.version("odoo")
        except importlib.metadata.PackageNotFoundError:
            return f"`import odoo` finds only {folders} (add-on wheels).\n" + (
                INSTALL_HELP.format(python=sys.executable)
            )
        return SHADOWED_HELP.format(python=sys.executable, folder=folders)
    if odoo.release.version_info[0] != 18:
        return f"Odoo {odoo.release.version} found, the suite needs 18.0.\n" + (
            INSTALL_HELP.format(python=sys.executable)
        )
    return None


def log(msg):
    print(f"[cs] {msg}", flush=True)


def require_odoo():
    """Return the Odoo version string or exit with install instructions."""
    problem = odoo_problem()
    if problem:
        sys.stderr.write(problem)
        sys.exit(2)
    import importlib.metadata

    import odoo.release

    try:
        importlib.metadata.version("odoo")
    except importlib.metadata.PackageNotFoundError:
        sys.stderr.write(NOT_A_DISTRIBUTION_HELP.format(python=sys.executable))
    return odoo.release.version


def read_conf():
    """The [options] of odoo.conf as a dict (values 'False' dropped)."""
    parser = configparser.ConfigParser()
    parser.read(ODOO_CONF)
    if not parser.has_section("options"):
        return {}
    return {k: v for k, v in parser.items("options") if v not in ("", "False")}


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_answers(host, port, timeout=1.0):
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


class PgServer:
    """A PostgreSQL server: the configured one, or a throwaway cluster."""

    def __init__(self, host, port, user, password=None, superuser="postgres"):
        self.host = host
        self.port = int(port)
        self.user = user
        self.password = password
        self.superuser = superuser
        self._tmpdir = None
        self._run_as = None

    # -- discovery -----------------------------------------------------
    @classmethod
    def from_environment(cls):
        conf = read_conf()
        host = conf.get("db_host") or os.environ.get("PGHOST") or "127.0.0.1"
        port = conf.get("db_port") or os.environ.get("PGPORT") or "5432"
        user = conf.get("db_user") or os.environ.get("PGUSER") or "odoo"
        if user == "postgres":
            user = "odoo"  # Odoo refuses the postgres role
        password = conf.get("db_password") or os.environ.get("PGPASSWORD")
        return cls(host, port, user, password)

    def answers(self):
        if self.host.startswith("/"):
            return os.path.exists(os.path.join(self.host, f".s.PGSQL.{self.port}"))
        return port_answers(self.host, self.port)

    # -- psql helpers ----------------------------------------------------
    def _env(self):
        env = dict(os.environ)
        env.update(PGHOST=self.host, PGPORT=str(self.port))
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def psql(self, sql, user=None, dbname="postgres", check=True):
        cmd = [
            "psql",
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            "-U",
            user or self.user,
            "-d",
            dbname,
            "-c",
            sql,
        ]
        res = subprocess.run(
            cmd, env=self._env(), capture_output=True, text=True, check=False
        )
        if check and res.returncode:
            raise RuntimeError(f"psql failed ({sql}): {res.stderr.strip()}")
        return res.stdout.strip()

    def ensure_role(self):
        """Create the Odoo role (LOGIN CREATEDB) when it does not exist."""
        probe = subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-t",
                "-A",
                "-U",
                self.user,
                "-d",
                "postgres",
                "-c",
                "select 1",
            ],
            env=self._env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0:
            return
        log(f"creating PostgreSQL role {self.user!r}")
        self.psql(f'CREATE ROLE "{self.user}" LOGIN CREATEDB', user=self.superuser)

    def drop_db(self, name):
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def db_exists(self, name):
        return self.psql(f"select 1 from pg_database where datname = '{name}'") == "1"

    def odoo_args(self):
        args = [
            f"--db_host={self.host}",
            f"--db_port={self.port}",
            f"--db_user={self.user}",
        ]
        if self.password:
            args.append(f"--db_password={self.password}")
        return args

    # -- throwaway cluster ---------------------------------------------
    @classmethod
    def throwaway(cls):
        """Start a private cluster in a temporary directory on a free port."""
        tmpdir = tempfile.mkdtemp(prefix="cs-pg-")
        server = cls._cluster(tmpdir, free_port())
        log(f"started a throwaway PostgreSQL on port {server.port} in {tmpdir}")
        return server

    @classmethod
    def private(cls, folder):
        """Start (initialising it the first time) the cluster kept in ``folder``.

        The run command's own PostgreSQL when none answers: its data survive
        between starts (the demo database is created once), its port is the
        one chosen when it was initialised. ``stop()`` stops it, keeping data.
        """
        os.makedirs(folder, exist_ok=True)
        port_file = os.path.join(folder, "port")
        fresh = not os.path.exists(os.path.join(folder, "data", "PG_VERSION"))
        if fresh or not os.path.exists(port_file):
            with open(port_file, "w") as f:
                f.write(str(free_port()))
        with open(port_file) as f:
            port = int(f.read().strip())
        server = cls._cluster(folder, port, init=fresh)
        server._keep = True
        log(f"started the run command's PostgreSQL on port {port} in {folder}")
        return server

    @classmethod
    def _cluster(cls, folder, port, init=True):
        initdb = shutil.which("initdb") or _pg_bin("initdb")
        pg_ctl = shutil.which("pg_ctl") or _pg_bin("pg_ctl")
        if not initdb or not pg_ctl:
            sys.stderr.write(
                "No PostgreSQL answers and initdb/pg_ctl are not installed: install "
                "PostgreSQL 13+ (Debian: apt install postgresql) or point PGHOST/"
                "PGPORT (or db_host/db_port in odoo.conf) at a running server.\n"
            )
            sys.exit(2)
        server = cls("127.0.0.1", port, "odoo", superuser="odoo")
        server._tmpdir = folder
        # PostgreSQL will not run as root: hand the cluster to an unprivileged user.
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                with contextlib.suppress(KeyError):
                    server._run_as = pwd.getpwnam(name)
                    break
            os.chmod(folder, 0o755)
            os.chown(folder, server._run_as.pw_uid, server._run_as.pw_gid)
        datadir = os.path.join(folder, "data")
        if init:
            server._as_owner(
                [
                    initdb,
                    "-D",
                    datadir,
                    "-U",
                    "odoo",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            )
        server._as_owner(
            [
                pg_ctl,
                "-D",
                datadir,
                "-l",
                os.path.join(folder, "log"),
                "-w",
                "-o",
                f"-p {server.port} -k {folder} -h 127.0.0.1",
                "start",
            ]
        )
        return server

    def _as_owner(self, cmd):
        kwargs = {}
        if self._run_as:
            uid, gid = self._run_as.pw_uid, self._run_as.pw_gid

            def demote():
                os.setgid(gid)
                os.setuid(uid)

            kwargs["preexec_fn"] = demote
        subprocess.run(cmd, check=True, capture_output=True, cwd=self._tmpdir, **kwargs)

    def stop(self):
        if not self._tmpdir:
            return
        pg_ctl = shutil.which("pg_ctl") or _pg_bin("pg_ctl")
        keep = getattr(self, "_keep", False)
        with contextlib.suppress(subprocess.CalledProcessError):
            self._as_owner(
                [
                    pg_ctl,
                    "-D",
                    os.path.join(self._tmpdir, "data"),
                    "-m",
                    "fast" if keep else "immediate",
                    "stop",
                ]
            )
        if keep:
            log(f"stopped the PostgreSQL in {self._tmpdir} (data kept)")
        else:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            log("removed the throwaway PostgreSQL")
        self._tmpdir = None


def _pg_bin(name):
    base = "/usr/lib/postgresql"
    if not os.path.isdir(base):
        return None
    for version in sorted(os.listdir(base), reverse=True):
        path = os.path.join(base, version, "bin", name)
        if os.path.exists(path):
            return path
    return None


@contextlib.contextmanager
def postgres():
    """Yield a usable PgServer; a throwaway one is removed on exit."""
    server = PgServer.from_environment()
    if not server.answers():
        log(f"no PostgreSQL answers at {server.host}:{server.port}")
        server = PgServer.throwaway()
    try:
        server.ensure_role()
        yield server
    finally:
        server.stop()


def odoo_command(server, *args):
    """argv for an Odoo server process on the suite's addons."""
    cmd = [sys.executable, "-m", "odoo", "-c", ODOO_CONF, f"--addons-path={ADDONS}"]
    cmd += server.odoo_args()
    cmd += list(args)
    return cmd


def wait_http(url, timeout=120):
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return True
        except OSError:
            time.sleep(0.5)
    return False
