"""What the repository holds: no Odoo source, pinned requirements, manifests
that follow the dependency graph, module READMEs generated from readme/."""

import ast
import os
import re
import subprocess

import pytest

import cs_readme
import pgenv

GRAPH = {
    # report_xlsx: DESIGN.md's Excel engine (OCA), for the registers (《回访记录表》
    # in cs_callcenter, 《顾客投诉登记表》 in cs_helpdesk)
    "cs_callcenter": [
        "base",
        "mail",
        "contacts",
        "phone_validation",
        "resource",
        "report_xlsx",
    ],
    # document_page: the knowledge base (知识库), OCA knowledge 18.0
    "cs_helpdesk": [
        "cs_callcenter",
        "helpdesk_mgmt",
        "hr",
        "report_xlsx",
        "document_page",
    ],
    "cs_survey": ["cs_helpdesk", "survey"],
    # account_credit_control: the collection (催缴) engine, OCA credit-control 18.0;
    # sms: the SMS channel of its reminders (Odoo community)
    "cs_property": ["cs_survey", "account", "account_credit_control", "sms"],
}


def _manifest(module):
    path = os.path.join(pgenv.ADDONS, module, "__manifest__.py")
    with open(path, encoding="utf-8") as f:
        return ast.literal_eval(f.read())


def test_no_odoo_source_committed():
    files = subprocess.run(
        ["git", "ls-files"], cwd=pgenv.ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert files, "not a git checkout"
    offenders = [
        f
        for f in files
        if re.match(r"^(odoo/|odoo-bin$|setup/odoo$)", f)
        or "/odoo/addons/base/" in f
        or f.startswith("addons/")
        and f.split("/")[1] not in pgenv.MODULES
    ]
    assert not offenders


def test_oca_requirements_pinned_to_18():
    with open(os.path.join(pgenv.ROOT, "requirements.txt"), encoding="utf-8") as f:
        lines = [ln.split("#")[0].strip() for ln in f]
    oca = [ln for ln in lines if ln.startswith("odoo-addon-")]
    assert {ln.split(">")[0] for ln in oca} >= {
        "odoo-addon-helpdesk-mgmt",
        "odoo-addon-report-xlsx",
        "odoo-addon-document-page",
        "odoo-addon-account-credit-control",
    }
    for line in oca:
        assert line.endswith(">=18.0,<18.1"), line


@pytest.mark.parametrize("module", pgenv.MODULES)
def test_manifest(module):
    manifest = _manifest(module)
    assert manifest["version"].startswith("18.0.")
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "AGPL-3"
    for key in ("author", "website", "category", "summary"):
        assert manifest.get(key), key
    assert manifest["depends"] == GRAPH[module]
    for path in manifest.get("data", []):
        assert os.path.exists(os.path.join(pgenv.ADDONS, module, path)), path
    for name in (f"i18n/{module}.pot", "i18n/zh_CN.po", "readme/DESCRIPTION.md"):
        assert os.path.exists(os.path.join(pgenv.ADDONS, module, name)), name


def test_module_readmes_are_generated_from_fragments():
    for module in pgenv.MODULES:
        with open(
            os.path.join(pgenv.ADDONS, module, "README.rst"), encoding="utf-8"
        ) as f:
            assert f.read() == cs_readme.build(module), (
                f"{module}/README.rst is stale: run tools/cs_readme.py"
            )
