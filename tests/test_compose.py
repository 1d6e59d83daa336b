"""docker-compose.yml and the files it uses are consistent with the repository.

No Docker engine runs on the CI machine, so this checks what can be checked
without one: the YAML, every mounted or referenced path, the Dockerfile
stages, and that odoo.conf does not fight the container's settings.
"""

import configparser
import os
import re

import pytest
import yaml

import pgenv

ROOT = pgenv.ROOT


@pytest.fixture(scope="module")
def compose():
    with open(os.path.join(ROOT, "docker-compose.yml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_services(compose):
    services = compose["services"]
    assert set(services) >= {"db", "odoo", "tests"}
    assert services["db"]["image"] == "postgres:16"
    assert "healthcheck" in services["db"]
    assert services["odoo"]["ports"] == ["8069:8069"]
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_mounted_paths_exist(compose):
    named = set(compose.get("volumes") or {})
    checked = 0
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source in named:
                continue
            path = os.path.normpath(os.path.join(ROOT, source))
            assert os.path.exists(path), f"{name} mounts missing {source}"
            checked += 1
    assert checked >= 3


def test_build_files_exist(compose):
    dockerfile = os.path.join(ROOT, "Dockerfile")
    with open(dockerfile, encoding="utf-8") as f:
        text = f.read()
    assert re.search(r"^FROM odoo:18\.0\b", text, re.MULTILINE)
    stages = set(re.findall(r"^FROM \S+ AS (\S+)", text, re.MULTILINE))
    for name, service in compose["services"].items():
        build = service.get("build")
        if build:
            assert os.path.isdir(os.path.join(ROOT, build["context"]))
            assert build["target"] in stages, f"{name}: unknown stage"
    for copied in re.findall(r"^COPY (\S+) ", text, re.MULTILINE):
        assert os.path.exists(os.path.join(ROOT, copied)), copied


def test_odoo_command_installs_the_suite(compose):
    command = compose["services"]["odoo"]["command"]
    modules = command[command.index("-i") + 1].split(",")
    assert modules == list(pgenv.MODULES)
    assert "--addons-path=/mnt/extra-addons" in command
    mounts = {v.split(":")[1] for v in compose["services"]["odoo"]["volumes"]}
    assert {"/mnt/extra-addons", "/etc/odoo/odoo.conf"} <= mounts


def test_tests_service_runs_the_ci_command(compose):
    service = compose["services"]["tests"]
    assert service["entrypoint"] == ["bash", ".ci/run"]
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as f:
        assert "python3 tools/cs_test.py" in f.read()


def test_odoo_conf_leaves_host_settings_to_the_environment():
    """The odoo image reads db_host/addons_path from the mounted file first:
    setting them there would break either the container or the native run."""
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "odoo.conf"))
    options = dict(parser.items("options"))
    for key in ("db_host", "db_user", "db_password", "addons_path", "data_dir"):
        assert key not in options, key
    assert options["db_name"] == "cs_demo"
