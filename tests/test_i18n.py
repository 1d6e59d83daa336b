"""Every translatable term of every add-on has a zh_CN translation."""

import os

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
