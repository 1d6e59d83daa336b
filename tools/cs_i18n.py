"""Translation files of the suite's add-ons, built with Odoo's own exporter.

``python3 tools/cs_i18n.py --db DB [module ...]`` rewrites ``i18n/<module>.pot``
from a database where the modules are installed and merges it into
``i18n/zh_CN.po`` (existing translations kept, new terms added empty, obsolete
ones dropped). Then it lists the terms still untranslated.

The suite test ``tests/test_i18n.py`` uses ``module_terms`` and
``missing_translations`` from here, so the check and the tool cannot disagree.
"""

import argparse
import io
import os
import sys

import polib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgenv

LANG = "zh_CN"


def export_pot(env, module):
    """The module's template as Odoo exports it (text of a .pot file)."""
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    trans_export(None, [module], buffer, "po", env.cr)
    return buffer.getvalue().decode()


def module_terms(env, module):
    """msgid -> list of occurrences, for every translatable term of ``module``."""
    pot = polib.pofile(export_pot(env, module))
    return {entry.msgid: entry.occurrences for entry in pot}


def missing_translations(terms, po_path):
    """Terms of ``terms`` that ``po_path`` lacks or leaves empty/fuzzy."""
    if not os.path.exists(po_path):
        return sorted(terms)
    po = polib.pofile(po_path)
    done = {
        e.msgid
        for e in po
        if e.msgstr.strip() and not e.obsolete and "fuzzy" not in e.flags
    }
    return sorted(term for term in terms if term not in done)


def update_module(env, module):
    i18n = os.path.join(pgenv.ADDONS, module, "i18n")
    os.makedirs(i18n, exist_ok=True)
    pot_text = export_pot(env, module)
    with open(os.path.join(i18n, f"{module}.pot"), "w", encoding="utf-8") as f:
        f.write(pot_text)
    pot = polib.pofile(pot_text)
    po_path = os.path.join(i18n, f"{LANG}.po")
    old = {}
    if os.path.exists(po_path):
        old = {e.msgid: e.msgstr for e in polib.pofile(po_path) if not e.obsolete}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(pot.metadata)
    po.metadata.update({"Language": LANG, "Plural-Forms": "nplurals=1; plural=0;"})
    po.header = pot.header
    for entry in pot:
        entry.msgstr = old.get(entry.msgid, "")
        po.append(entry)
    po.save(po_path)
    return missing_translations({e.msgid for e in pot}, po_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("modules", nargs="*", default=list(pgenv.MODULES))
    args = parser.parse_args()
    pgenv.require_odoo()
    import odoo
    from odoo.tools import config

    server = pgenv.PgServer.from_environment()
    config.parse_config(
        ["-c", pgenv.ODOO_CONF, f"--addons-path={pgenv.ADDONS}", "-d", args.db]
        + server.odoo_args()
    )
    registry = odoo.modules.registry.Registry(args.db)
    status = 0
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for module in args.modules:
            missing = update_module(env, module)
            pgenv.log(f"{module}: {len(missing)} untranslated")
            for term in missing:
                print(f"    {term!r}")
            status = status or bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
