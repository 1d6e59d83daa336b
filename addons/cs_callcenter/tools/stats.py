# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Report figures computed by the database, for dashboards and workbooks."""


def grouped_stats(model, domain, groupby, measures):
    """Figures per group of ``model`` records: ``measures`` maps a name to
    (extra domain, aggregate) — e.g. ``"founded": ([("cs_founded", "=",
    "founded")], "__count")``. One ``_read_group`` per distinct extra domain,
    with the reader's access rights; returns {group key tuple: {name: value}}
    (a group missing from a measure reads 0)."""
    by_domain = {}
    for name, (extra, aggregate) in measures.items():
        by_domain.setdefault(repr(extra), (extra, []))[1].append((name, aggregate))
    stats = {}
    for extra, named in by_domain.values():
        aggregates = [aggregate for _name, aggregate in named]
        for row in model._read_group(domain + extra, groupby, aggregates):
            key = row[: len(groupby)]
            values = stats.setdefault(key, dict.fromkeys(measures, 0))
            figures = row[len(groupby) :]
            for (name, _aggregate), value in zip(named, figures, strict=True):
                values[name] = value or 0
    return stats


def rate(part, whole):
    """``part`` of ``whole`` in %, one decimal; 0 when there is no whole."""
    return round(100.0 * part / whole, 1) if whole else 0.0
