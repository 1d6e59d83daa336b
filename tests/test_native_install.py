"""The README's native install, and what the tools say when it goes wrong.

Reproduced in a throwaway virtual environment with a stand-in Odoo source tree
(a package ``odoo`` with ``SUPERUSER_ID`` and ``release``), because the real
Odoo's requirements take minutes to install: the import layout is what
matters. An OCA wheel installs its add-on under ``site-packages/odoo/addons/``
without ``odoo/__init__.py``; that folder is created as the wheel does.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(cmd, **kwargs):
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=600, check=False, **kwargs
    )


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    base = tmp_path_factory.mktemp("native")
    src = base / "odoo-src"
    (src / "odoo" / "addons").mkdir(parents=True)
    (src / "setup.py").write_text(
        "from setuptools import setup\n"
        'setup(name="odoo", version="18.0", packages=["odoo", "odoo.addons"])\n'
    )
    (src / "odoo" / "__init__.py").write_text("SUPERUSER_ID = 1\n")
    (src / "odoo" / "release.py").write_text(
        'version_info = (18, 0, 0, "final", 0, "")\nversion = "18.0-standin"\n'
    )
    (src / "odoo" / "addons" / "__init__.py").write_text("")
    env_dir = base / "venv"
    res = _run([sys.executable, "-m", "venv", str(env_dir)])
    assert res.returncode == 0, res.stderr
    python = env_dir / "bin" / "python"
    site = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout.strip()
    return {"python": str(python), "src": str(src), "site": site}


def _add_wheel_folder(site):
    """What installing odoo-addon-helpdesk-mgmt leaves in site-packages."""
    addon = os.path.join(site, "odoo", "addons", "helpdesk_mgmt")
    os.makedirs(addon, exist_ok=True)
    with open(os.path.join(addon, "__init__.py"), "w") as f:
        f.write("")


def _pip(venv, *args):
    res = _run([venv["python"], "-m", "pip", "install", "-q", *args])
    assert res.returncode == 0, res.stdout + res.stderr
    return res


def test_editable_install_is_shadowed_and_the_tools_say_how_to_fix_it(venv):
    _pip(venv, "-e", venv["src"])
    _add_wheel_folder(venv["site"])
    res = _run([venv["python"], "-c", "from odoo import SUPERUSER_ID"])
    # The failure the README's old instructions led to.
    assert "cannot import name 'SUPERUSER_ID' from 'odoo'" in res.stderr
    res = _run([venv["python"], os.path.join(ROOT, "tools", "cs_test.py")])
    assert res.returncode == 2
    assert "shadows an editable install" in res.stderr
    assert "pip uninstall -y odoo" in res.stderr
    assert res.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"
    res = _run([venv["python"], os.path.join(ROOT, "tools", "cs_run.py")])
    assert res.returncode == 2
    assert "shadows an editable install" in res.stderr

    # The documented fix: a regular install of the same source, wheels kept.
    res = _run([venv["python"], "-m", "pip", "uninstall", "-y", "odoo"])
    assert res.returncode == 0, res.stderr
    _pip(venv, venv["src"])
    check = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from odoo import SUPERUSER_ID
        import odoo.addons.helpdesk_mgmt
        import pgenv
        assert pgenv.odoo_problem() is None, pgenv.odoo_problem()
        print(SUPERUSER_ID)
        """
    )
    res = _run([venv["python"], "-c", check, os.path.join(ROOT, "tools")])
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "1"


def test_run_command_cluster_is_created_once_and_reused():
    """Where no PostgreSQL answers, the run command keeps a cluster of its own:
    initialised on the first start, the same data and port on the next."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import pgenv

    # Not pytest's tmp_path: as root, PostgreSQL runs as another user, who
    # must be able to reach the folder (the checkout's .cs-run/pg in real use).
    base = tempfile.mkdtemp(prefix="cs-run-test-")
    os.chmod(base, 0o755)  # noqa: S103 - readable by the postgres user
    folder = os.path.join(base, "pg")
    server = pgenv.PgServer.private(folder)
    try:
        assert server.answers()
        server.psql("CREATE DATABASE cs_keep_me", user="odoo")
        port = server.port
    finally:
        server.stop()
    assert not server.answers()
    again = pgenv.PgServer.private(folder)
    try:
        assert again.port == port
        assert again.db_exists("cs_keep_me")
    finally:
        again.stop()
    assert os.path.exists(os.path.join(folder, "data", "PG_VERSION"))
    shutil.rmtree(base, ignore_errors=True)
