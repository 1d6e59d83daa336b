"""docker-compose.yml and the files it uses are consistent with the repository.

No Docker engine runs on the CI machine, so this checks what can be checked
without one: the YAML, every mounted or referenced path, the Dockerfile
stages, and that odoo.conf does not fight the container's settings; for the
production profile, that its files (deploy/) exist and parse and agree with
each other: Odoo's workers and websocket port, the proxy's routes to them,
the listener service with a standby, the backup script.
"""

import configparser
import os
import re
import subprocess

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


# -- production profile -------------------------------------------------------
PROD = ("odoo-init", "odoo-prod", "listener", "proxy", "backup")


def parse_nginx(text):
    """nginx's syntax, enough to check a configuration: a list of
    ``(directive, args, block)``, ``block`` a list for ``{...}`` directives.
    Raises ValueError on unbalanced braces or a directive without ``;``."""
    tokens = re.findall(r'"[^"]*"|\'[^\']*\'|[{};]|[^\s{};"\']+', _strip_comments(text))

    def block(pos, depth):
        items, words = [], []
        while pos < len(tokens):
            token = tokens[pos]
            pos += 1
            if token == ";":
                if not words:
                    raise ValueError("empty directive")
                items.append((words[0], words[1:], None))
                words = []
            elif token == "{":
                if not words:
                    raise ValueError("block without a name")
                inner, pos = block(pos, depth + 1)
                items.append((words[0], words[1:], inner))
                words = []
            elif token == "}":
                if depth == 0 or words:
                    raise ValueError(f"unexpected }} after {words}")
                return items, pos
            else:
                words.append(token.strip("\"'"))
        if depth or words:
            raise ValueError("unterminated block or directive")
        return items, pos

    return block(0, 0)[0]


def _strip_comments(text):
    return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())


def test_nginx_parser_refuses_broken_files():
    assert parse_nginx("a b;\nx { y z; }  # c") == [
        ("a", ["b"], None),
        ("x", [], [("y", ["z"], None)]),
    ]
    for broken in ("a b", "x { y;", "x { y; }}", "a; }"):
        with pytest.raises(ValueError):
            parse_nginx(broken)


def directives(items, name):
    return [item for item in items if item[0] == name]


def prod_conf():
    parser = configparser.ConfigParser()
    path = os.path.join(ROOT, "deploy", "odoo.prod.conf")
    assert parser.read(path), path
    return dict(parser.items("options"))


def test_production_profile_services(compose):
    services = compose["services"]
    for name in PROD:
        assert services[name].get("profiles") == ["prod"], name
    # the demo's services stay out of the profile: the README's commands
    # keep working unchanged
    assert "profiles" not in services["odoo"] and "profiles" not in services["db"]
    assert services["db"]["volumes"] == ["db-data:/var/lib/postgresql/data"]
    assert "db-data" in compose["volumes"]
    # the servers start once the suite is installed in cs_prod
    init = services["odoo-init"]["command"]
    assert init[init.index("-i") + 1].split(",") == list(pgenv.MODULES)
    assert init[init.index("-d") + 1] == "cs_prod"
    assert "--stop-after-init" in init and "--without-demo=all" in init
    for name in ("odoo-prod", "listener"):
        condition = services[name]["depends_on"]["odoo-init"]["condition"]
        assert condition == "service_completed_successfully"
        assert services[name]["restart"] == "unless-stopped"
    # only the proxy is published
    assert "ports" not in services["odoo-prod"]
    assert services["proxy"]["ports"] == ["80:80"]


def test_production_odoo_runs_workers_and_the_websocket_port(compose):
    options = prod_conf()
    assert int(options["workers"]) > 0
    gevent_port = int(options["gevent_port"])
    assert options["proxy_mode"] == "True"
    assert options["list_db"] == "False"
    assert options["db_name"] == "cs_prod" and options["dbfilter"] == "^cs_prod$"
    assert "session_db" in options["server_wide_modules"].split(",")
    # as for odoo.conf: host-specific settings come from compose
    for key in ("db_host", "db_user", "db_password", "addons_path", "data_dir"):
        assert key not in options, key
    service = compose["services"]["odoo-prod"]
    assert str(gevent_port) in service["expose"]
    mounts = dict(v.split(":")[:2][::-1] for v in service["volumes"])
    assert mounts["/etc/odoo/odoo.conf"] == "./deploy/odoo.prod.conf"
    # sessions in the production database, which session_db reads from the
    # environment of every Odoo process
    assert service["environment"]["SESSION_DB_URI"].endswith("@db/cs_prod")
    with open(os.path.join(ROOT, "Dockerfile"), encoding="utf-8") as f:
        dockerfile = f.read()
    production = dockerfile.split("AS production", 1)[1]
    assert "odoo-addon-session-db==18.0." in production


def test_proxy_routes_the_websocket_to_the_gevent_port(compose):
    proxy = compose["services"]["proxy"]
    (mount,) = proxy["volumes"]
    source, target = mount.split(":")[:2]
    assert target == "/etc/nginx/conf.d/default.conf"
    with open(os.path.join(ROOT, source), encoding="utf-8") as f:
        config = parse_nginx(f.read())
    upstreams = {
        args[0]: [d[1][0] for d in directives(body, "server")]
        for _n, args, body in directives(config, "upstream")
    }
    (server,) = directives(config, "server")
    locations = {args[0]: body for _n, args, body in directives(server[2], "location")}
    gevent_port = prod_conf()["gevent_port"]

    def target_of(location):
        (proxy_pass,) = directives(locations[location], "proxy_pass")
        upstream = proxy_pass[1][0].removeprefix("http://")
        return upstreams[upstream]

    assert target_of("/websocket") == [f"odoo-prod:{gevent_port}"]
    assert target_of("/") == ["odoo-prod:8069"]
    websocket = locations["/websocket"]
    headers = {d[1][0]: d[1][1] for d in directives(websocket, "proxy_set_header")}
    assert headers["Upgrade"] == "$http_upgrade"
    assert headers["Connection"] == "$connection_upgrade"
    assert directives(websocket, "proxy_http_version")[0][1] == ["1.1"]
    # proxy_mode trusts these: without them Odoo sees the proxy as the client
    for body in locations.values():
        names = {d[1][0] for d in directives(body, "proxy_set_header")}
        assert {"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"} <= names
    maps = [args for _n, args, _b in directives(config, "map")]
    assert ["$http_upgrade", "$connection_upgrade"] in maps


def test_listener_runs_as_its_own_service_with_a_standby(compose):
    service = compose["services"]["listener"]
    command = service["command"]
    assert command[:3] == ["odoo", "--addons-path=/mnt/extra-addons", "cs_pbx_listener"]
    assert command[command.index("-d") + 1] == "cs_prod"
    assert "--pbx-id" in command
    # two processes: the advisory lock makes one active, the other waits
    assert service["deploy"]["replicas"] >= 2
    assert os.path.exists(
        os.path.join(ROOT, "addons", "cs_callcenter", "pbx", "leader.py")
    )


def test_backup_script(compose):
    service = compose["services"]["backup"]
    script = next(v for v in service["volumes"] if v.startswith("./deploy/"))
    source, target = script.split(":")[:2]
    assert service["entrypoint"] == ["bash", target]
    path = os.path.join(ROOT, source)
    subprocess.run(["bash", "-n", path], check=True)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert "pg_dump --format=custom" in text and "filestore" in text
    assert service["environment"]["CS_DB"] == "cs_prod"
    mounts = {v.split(":")[1]: v.split(":")[0] for v in service["volumes"]}
    assert mounts["/var/lib/odoo"] == "odoo-prod-data"
    assert os.path.isdir(os.path.join(ROOT, mounts["/backups"]))
    with open(os.path.join(ROOT, "deploy", "README.md"), encoding="utf-8") as f:
        readme = f.read()
    assert "pg_restore" in readme and "docker compose --profile prod run" in readme


def test_systemd_unit_of_the_listener():
    """The native install's unit: the listener command, restarted always."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    path = os.path.join(ROOT, "deploy", "cs-pbx-listener@.service")
    assert parser.read(path), path
    command = parser["Service"]["ExecStart"].split()
    assert command[command.index("odoo") + 2] == "cs_pbx_listener"
    assert command[command.index("odoo") + 1].startswith("--addons-path=")
    assert command[command.index("--pbx-id") + 1] == "%i"
    assert parser["Service"]["Restart"] == "always"
    assert parser["Service"]["KillSignal"] == "SIGTERM"


def test_backup_script_dumps_what_restores(pg, test_db, tmp_path):
    """deploy/backup.sh on a real database: the dump restores into another
    database with the same rows, the filestore archive holds the files, and
    backups older than CS_KEEP_DAYS are removed, newer ones kept."""
    source, restored = f"{test_db}_bk", f"{test_db}_bk_restored"
    out, data = tmp_path / "backups", tmp_path / "data"
    (data / "filestore" / source / "ab").mkdir(parents=True)
    (data / "filestore" / source / "ab" / "abcdef").write_bytes(b"attachment")
    out.mkdir()
    old = out / f"{source}-20000101-000000.dump"
    old.write_bytes(b"old")
    os.utime(old, (0, 0))
    recent = out / f"{source}-recent.dump"
    recent.write_bytes(b"recent")
    for name in (source, restored):
        pg.drop_db(name)
    pg.psql(f'CREATE DATABASE "{source}"')
    try:
        pg.psql(
            "CREATE TABLE cs_call (id serial PRIMARY KEY, pbx_call_id text);"
            " INSERT INTO cs_call (pbx_call_id) VALUES ('1.1'), ('通话 2')",
            dbname=source,
        )
        env = dict(
            pg._env(),
            PGUSER=pg.user,
            CS_DB=source,
            CS_BACKUP_DIR=str(out),
            CS_DATA_DIR=str(data),
            CS_KEEP_DAYS="14",
        )
        script = os.path.join(ROOT, "deploy", "backup.sh")
        res = subprocess.run(
            ["bash", script], env=env, capture_output=True, text=True, check=False
        )
        assert res.returncode == 0, res.stderr
        dumps = sorted(p.name for p in out.glob(f"{source}-2*.dump"))
        assert len(dumps) == 1 and not old.exists() and recent.exists()
        archives = list(out.glob(f"{source}-*-filestore.tar.gz"))
        assert len(archives) == 1
        listing = subprocess.run(
            ["tar", "-tzf", str(archives[0])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert f"{source}/ab/abcdef" in listing
        pg.psql(f'CREATE DATABASE "{restored}"')
        subprocess.run(
            ["pg_restore", "--no-owner", "-U", pg.user, "-d", restored, out / dumps[0]],
            env=pg._env(),
            check=True,
            capture_output=True,
        )
        rows = pg.psql(
            "SELECT string_agg(pbx_call_id, ',' ORDER BY id) FROM cs_call",
            dbname=restored,
        )
        assert rows == "1.1,通话 2"
    finally:
        for name in (source, restored):
            pg.drop_db(name)
