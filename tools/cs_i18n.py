"""Translation files of the suite's add-ons, built with Odoo's own exporter.

``python3 tools/cs_i18n.py --db DB [module ...]`` rewrites ``i18n/<module>.pot``
from a database where the modules are installed and merges it into
``i18n/zh_CN.po`` (existing translations kept, new terms added empty, obsolete
ones dropped). With cs_helpdesk it also refreshes
``cs_helpdesk/i18n_extra/zh_CN.po``: the model terms of helpdesk_mgmt (fields,
menus, views, stages, channels...), keyed by their xml ids, which Odoo loads
with cs_helpdesk's translations. Then it lists the terms still untranslated.

``python3 tools/cs_i18n.py --check-glossary [file.po ...]`` needs no database:
it checks the zh_CN files (by default every add-on's ``i18n/zh_CN.po`` and
``i18n_extra/zh_CN.po``, or the files given, e.g. a helper's
``/work/helpers/x-zh_CN.po``) against the glossary ``tests/zh_CN_glossary.csv``
and lists every entry that translates a glossary term otherwise, and every
glossary term a module's ``.pot`` holds that its ``zh_CN.po`` leaves untranslated.

The suite test ``tests/test_i18n.py`` uses ``module_terms``,
``missing_translations`` and ``glossary_problems`` from here, so the check and
the tool cannot disagree.
"""

import argparse
import csv
import glob
import io
import os
import re
import sys

import polib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgenv

LANG = "zh_CN"
GLOSSARY = os.path.join(pgenv.ROOT, "tests", "zh_CN_glossary.csv")
# helpdesk_mgmt ships no Chinese: its model terms are translated by cs_helpdesk
EXTRA = {"cs_helpdesk": ("helpdesk_mgmt",)}


def export_pot(env, module):
    """The template of a module (or of a list of modules) as Odoo exports it
    (text of a .pot file)."""
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    modules = [module] if isinstance(module, str) else list(module)
    trans_export(None, modules, buffer, "po", env.cr)
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


def model_terms_only(pot_text):
    """The entries of a .pot text that Odoo loads by xml id (``model:`` and
    ``model_terms:`` occurrences), without their ``code:`` occurrences: code
    terms of another module cannot be translated from ours."""
    pot = polib.pofile(pot_text)
    kept = polib.POFile(wrapwidth=78)
    kept.metadata = dict(pot.metadata)
    kept.header = pot.header
    for entry in pot:
        occurrences = [
            occ
            for occ in entry.occurrences
            if occ[0].startswith(("model:", "model_terms:"))
        ]
        if occurrences:
            entry.occurrences = occurrences
            entry.flags = [f for f in entry.flags if not f.startswith("odoo-")]
            kept.append(entry)
    return kept


def extra_terms(env, module):
    """msgid -> occurrences of the model terms of the upstream modules that
    ``module`` translates in its ``i18n_extra/zh_CN.po`` (``EXTRA``)."""
    pot = model_terms_only(export_pot(env, EXTRA[module]))
    return {e.msgid: e.occurrences for e in pot}


def extra_po_path(module):
    return os.path.join(pgenv.ADDONS, module, "i18n_extra", f"{LANG}.po")


def _merge(pot, po_path):
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


def update_extra(env, module):
    """Refresh ``module/i18n_extra/zh_CN.po`` with the model terms of the
    upstream modules it translates (``EXTRA``)."""
    pot = model_terms_only(export_pot(env, EXTRA[module]))
    po_path = extra_po_path(module)
    os.makedirs(os.path.dirname(po_path), exist_ok=True)
    _merge(pot, po_path)
    return missing_translations({e.msgid for e in pot}, po_path)


def update_module(env, module):
    i18n = os.path.join(pgenv.ADDONS, module, "i18n")
    os.makedirs(i18n, exist_ok=True)
    pot_text = export_pot(env, module)
    with open(os.path.join(i18n, f"{module}.pot"), "w", encoding="utf-8") as f:
        f.write(pot_text)
    pot = polib.pofile(pot_text)
    po_path = os.path.join(i18n, f"{LANG}.po")
    _merge(pot, po_path)
    return missing_translations({e.msgid for e in pot}, po_path)


# Glossary ---------------------------------------------------------------


def read_glossary(path=GLOSSARY):
    """Rows of the glossary: dicts with ``msgid``, ``msgstr`` (a tuple of the
    accepted translations), ``module`` (None: every module) and ``match``
    (``exact`` or ``word``). Lines whose first cell starts with # are comments."""
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=2):
            msgid = (row.get("msgid") or "").strip()
            if not msgid or msgid.startswith("#"):
                continue
            msgstr = tuple(
                t.strip() for t in (row.get("msgstr") or "").split("|") if t.strip()
            )
            match = (row.get("match") or "").strip() or "exact"
            if not msgstr or match not in ("exact", "word"):
                raise ValueError(
                    f"{path}:{number}: a row needs a msgstr and match exact/word"
                )
            rows.append(
                {
                    "msgid": msgid,
                    "msgstr": msgstr,
                    "module": (row.get("module") or "").strip() or None,
                    "match": match,
                    "pattern": re.compile(
                        rf"\b{re.escape(msgid)}(?:s|es)?\b", re.IGNORECASE
                    ),
                }
            )
    return rows


def entry_module(entry, path):
    """The module of a PO entry: its ``#. module:`` comment, else the add-on
    the file belongs to."""
    found = re.search(r"modules?: (\w+)", entry.comment or "")
    if found:
        return found.group(1)
    parts = os.path.abspath(path).split(os.sep)
    for folder in ("i18n", "i18n_extra"):
        if folder in parts[1:]:
            return parts[parts.index(folder) - 1]
    return None


def suite_po_paths():
    """Every zh_CN file of the suite's add-ons."""
    return sorted(
        glob.glob(os.path.join(pgenv.ADDONS, "*", "i18n", f"{LANG}.po"))
        + glob.glob(os.path.join(pgenv.ADDONS, "*", "i18n_extra", f"{LANG}.po"))
    )


def suite_pot_terms():
    """module -> msgids of its .pot (the terms of its code as last exported),
    and helpdesk_mgmt's model terms listed in cs_helpdesk's i18n_extra."""
    terms = {}
    for path in glob.glob(os.path.join(pgenv.ADDONS, "*", "i18n", "*.pot")):
        terms[os.path.basename(path)[:-4]] = {e.msgid for e in polib.pofile(path)}
    for module in EXTRA:
        path = extra_po_path(module)
        if os.path.exists(path):
            for entry in polib.pofile(path):
                terms.setdefault(entry_module(entry, path), set()).add(entry.msgid)
    return terms


# placeholders and markup are not words of the text:
# %(ticket)s, %s, {extension}, <tag attr="...">
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}|<[^>]*>")


def _applies(row, module):
    return row["module"] is None or row["module"] == module


def glossary_problems(po_paths, terms=None, glossary=None):
    """What the zh_CN files ``po_paths`` get wrong against the glossary.

    - an entry whose msgid is an ``exact`` glossary term, translated otherwise;
    - an entry whose msgid contains a ``word`` glossary term (as a word, any
      case, plural too) whose translation does not contain the glossary's;
    - with ``terms`` (module -> msgids of its code), a glossary term of a
      module's code that no file translates for that module.
    Untranslated entries are left to ``missing_translations``.
    Returns a sorted list of messages naming the file, module, term and both
    translations."""
    glossary = read_glossary() if glossary is None else glossary
    problems = []
    translated = set()
    for path in po_paths:
        for entry in polib.pofile(path):
            if entry.obsolete or not entry.msgstr.strip() or "fuzzy" in entry.flags:
                continue
            module = entry_module(entry, path)
            msgstr = entry.msgstr.strip()
            text = PLACEHOLDER.sub(" ", entry.msgid)
            translated.add((module, entry.msgid))
            for row in glossary:
                if not _applies(row, module):
                    continue
                if row["match"] == "exact":
                    wrong = entry.msgid == row["msgid"] and msgstr not in row["msgstr"]
                else:
                    wrong = bool(row["pattern"].search(text)) and not any(
                        t in msgstr for t in row["msgstr"]
                    )
                if wrong:
                    problems.append(
                        f"{os.path.relpath(path, pgenv.ROOT)}: {module}: "
                        f"{entry.msgid!r} "
                        f"is translated {msgstr!r}; the glossary ({row['match']} "
                        f"{row['msgid']!r}) says {' or '.join(row['msgstr'])!r}"
                    )
    for module, msgids in sorted((terms or {}).items()):
        for row in glossary:
            if row["match"] != "exact" or not _applies(row, module):
                continue
            if row["msgid"] in msgids and (module, row["msgid"]) not in translated:
                problems.append(
                    f"{module}: glossary term {row['msgid']!r} is in the code "
                    f"but has no zh_CN translation (expected {row['msgstr'][0]!r})"
                )
    return sorted(set(problems))


def check_glossary(paths=None):
    """Command-line check; returns the exit status."""
    if paths:
        problems = glossary_problems(paths)
    else:
        problems = glossary_problems(suite_po_paths(), suite_pot_terms())
    for problem in problems:
        print(problem)
    pgenv.log(f"glossary: {len(problems)} problem(s)")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument(
        "--check-glossary",
        action="store_true",
        help="check zh_CN files (the suite's, or the .po files given) against "
        "tests/zh_CN_glossary.csv; needs no database",
    )
    parser.add_argument(
        "modules", nargs="*", help="modules, or .po files with --check-glossary"
    )
    args = parser.parse_args()
    if args.check_glossary:
        return check_glossary(args.modules)
    if not args.db:
        parser.error("--db is required (except with --check-glossary)")
    args.modules = args.modules or list(pgenv.MODULES)
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
            if module in EXTRA:
                missing = update_extra(env, module)
                upstreams = ", ".join(EXTRA[module])
                pgenv.log(
                    f"{module}/i18n_extra ({upstreams}): {len(missing)} untranslated"
                )
                for term in missing:
                    print(f"    {term!r}")
                status = status or bool(missing)
    status = check_glossary() or status
    return status


if __name__ == "__main__":
    sys.exit(main())
