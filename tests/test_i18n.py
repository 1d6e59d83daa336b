"""Every translatable term of every add-on has a zh_CN translation."""

import os
import subprocess
import sys

import polib
import pytest

import cs_i18n
import pgenv


@pytest.mark.parametrize("module", pgenv.MODULES)
def test_zh_cn_is_complete(odoo_env, module):
    terms = cs_i18n.module_terms(odoo_env, module)
    assert terms, f"{module} exports no term at all"
    po_path = os.path.join(pgenv.ADDONS, module, "i18n", "zh_CN.po")
    missing = cs_i18n.missing_translations(terms, po_path)
    assert not missing, f"{module}: untranslated in zh_CN.po: {missing}"


@pytest.mark.parametrize("module", pgenv.MODULES)
def test_pot_is_current(odoo_env, module):
    pot_path = os.path.join(pgenv.ADDONS, module, "i18n", f"{module}.pot")
    assert os.path.exists(pot_path), f"{pot_path} is missing"
    in_file = {e.msgid for e in polib.pofile(pot_path)}
    exported = set(cs_i18n.module_terms(odoo_env, module))
    assert in_file == exported, (
        f"{module}.pot is stale (tools/cs_i18n.py updates it): "
        f"new {sorted(exported - in_file)}, gone {sorted(in_file - exported)}"
    )


def test_check_names_missing_and_empty_terms(odoo_env, tmp_path):
    """The check fails on a deliberately incomplete file and names the terms."""
    module = "cs_callcenter"
    terms = cs_i18n.module_terms(odoo_env, module)
    po = polib.pofile(os.path.join(pgenv.ADDONS, module, "i18n", "zh_CN.po"))
    translated = [e for e in po if e.msgstr]
    removed, emptied = translated[0], translated[1]
    po.remove(removed)
    emptied.msgstr = ""
    broken = tmp_path / "zh_CN.po"
    po.save(str(broken))
    missing = cs_i18n.missing_translations(terms, str(broken))
    assert missing == sorted([removed.msgid, emptied.msgid])


def test_check_treats_fuzzy_as_missing(odoo_env, tmp_path):
    module = "cs_helpdesk"
    terms = cs_i18n.module_terms(odoo_env, module)
    po = polib.pofile(os.path.join(pgenv.ADDONS, module, "i18n", "zh_CN.po"))
    entry = next(e for e in po if e.msgstr)
    entry.flags.append("fuzzy")
    broken = tmp_path / "zh_CN.po"
    po.save(str(broken))
    assert cs_i18n.missing_translations(terms, str(broken)) == [entry.msgid]


# helpdesk_mgmt's model terms, translated by cs_helpdesk -------------------


@pytest.mark.parametrize("module", sorted(cs_i18n.EXTRA))
def test_upstream_model_terms_are_translated(odoo_env, module):
    """Every field, menu, view, stage, channel... term of helpdesk_mgmt has
    its Chinese in cs_helpdesk/i18n_extra/zh_CN.po, and the file lists no
    term helpdesk_mgmt no longer has."""
    upstream = ", ".join(cs_i18n.EXTRA[module])
    terms = cs_i18n.extra_terms(odoo_env, module)
    assert len(terms) > 200, f"{upstream} exports only {len(terms)} model terms"
    path = cs_i18n.extra_po_path(module)
    missing = cs_i18n.missing_translations(terms, path)
    assert not missing, f"{module}/i18n_extra: untranslated {upstream} terms: {missing}"
    in_file = {e.msgid for e in polib.pofile(path)}
    assert in_file == set(terms), (
        f"{path} is stale (tools/cs_i18n.py updates it): "
        f"new {sorted(set(terms) - in_file)}, gone {sorted(in_file - set(terms))}"
    )


# Glossary ------------------------------------------------------------------

# What DOMAIN.md and issues 12, 13 and 15 require; the glossary must keep them.
REQUIRED = {
    "State": "状态",
    "Step": "步骤",
    "Campaign": "回访计划",
    "Implementation": "实施",
    "Agent": "坐席",
    "Supervisor": "主管",
    "Manager": "经理",
    "Fee Officer": "收费员",
    "Integration": "接口用户",
    "Ticket": "工单",
    "Complaint": "投诉",
    "Dispatch": "派单",
    "Responsible Department": "责任部门",
    "Callback": "回访",
    "Satisfaction Survey": "满意度调查",
    "Net Promoter Score": "净推荐值",
    "Customer Effort Score": "客户费力度",
    "Promoters": "推荐者",
    "Passives": "被动者",
    "Detractors": "贬损者",
    "Estate": "小区",
    "Building": "楼栋",
    "Unit": "房号",
    "Owner": "业主",
    "Tenant": "租户",
    "Resident": "住户",
    "Floor Area": "建筑面积",
    "Fee Item": "收费项目",
    "Fee Standard": "收费标准",
    "Meter Reading": "抄表",
    "Fee Notice": "收费通知单",
    "Prepayment": "预存",
    "Waiver": "减免",
}


def test_glossary_has_the_required_terms():
    glossary = {}
    for row in cs_i18n.read_glossary():
        if row["match"] == "exact":
            glossary.setdefault(row["msgid"], set()).update(row["msgstr"])
    wrong = {
        msgid: sorted(glossary.get(msgid, ()))
        for msgid, msgstr in REQUIRED.items()
        if msgstr not in glossary.get(msgid, ())
    }
    assert not wrong, f"the glossary lacks or changes required terms: {wrong}"


def suite_terms(odoo_env):
    terms = {
        module: set(cs_i18n.module_terms(odoo_env, module)) for module in pgenv.MODULES
    }
    for module in cs_i18n.EXTRA:
        for msgid, occurrences in cs_i18n.extra_terms(odoo_env, module).items():
            for occurrence, _line in occurrences:
                upstream = occurrence.split(":")[2].split(".")[0]
                terms.setdefault(upstream, set()).add(msgid)
    return terms


def test_translations_follow_the_glossary(odoo_env):
    """No zh_CN file translates a glossary term otherwise, and every glossary
    term the code uses is translated."""
    problems = cs_i18n.glossary_problems(
        cs_i18n.suite_po_paths(), suite_terms(odoo_env)
    )
    assert not problems, "\n".join(problems)


WRONG_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. module: cs_callcenter
msgid "State"
msgstr "省/州"

#. module: cs_callcenter
msgid "My Campaigns"
msgstr "我的活动"

#. module: cs_callcenter
msgid "Only agents may call %(customer)s."
msgstr "只有客服专员可以拨打 %(customer)s。"

#. module: cs_helpdesk
msgid "Implementation"
msgstr "实施"

#. module: cs_property
msgid "State"
msgstr "省/州"
"""


def test_glossary_check_names_wrong_and_missing_terms(tmp_path):
    """A wrong exact term, a sentence without the glossary's word and a term of
    the code without translation are each reported; right terms and terms
    of a module the row does not cover (a property's address State) are not."""
    path = tmp_path / "zh_CN.po"
    path.write_text(WRONG_PO, encoding="utf-8")
    terms = {"cs_callcenter": {"State", "Agent"}, "cs_helpdesk": {"Implementation"}}
    problems = cs_i18n.glossary_problems([str(path)], terms)
    assert len(problems) == 4, problems
    assert any("'State' is translated '省/州'" in p and "'状态'" in p for p in problems)
    assert any("'My Campaigns'" in p and "回访计划" in p for p in problems)
    assert any(
        "'Only agents may call %(customer)s.'" in p and "坐席" in p for p in problems
    )
    assert any(p.startswith("cs_callcenter: glossary term 'Agent'") for p in problems)
    assert not any("cs_property" in p or "Implementation" in p for p in problems)


def test_glossary_command_checks_any_po_file(tmp_path):
    """``tools/cs_i18n.py --check-glossary file.po`` (what the lead runs on a
    helper's translations) exits non-zero and names the wrong term; needs no
    database."""
    path = tmp_path / "helper-zh_CN.po"
    path.write_text(WRONG_PO, encoding="utf-8")
    tool = os.path.join(pgenv.ROOT, "tools", "cs_i18n.py")
    run = subprocess.run(
        [sys.executable, tool, "--check-glossary", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "'My Campaigns' is translated '我的活动'" in run.stdout
    path.write_text(WRONG_PO.split("#. module")[0], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, tool, "--check-glossary", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
