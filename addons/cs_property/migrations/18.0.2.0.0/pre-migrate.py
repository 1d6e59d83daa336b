# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fee-reminder purpose of callback campaigns moved from cs_callcenter to
cs_property: its selection value changes owner, the campaigns keep it."""

from odoo.tools import SQL

NAME = "selection__cs_callback_campaign__purpose__fee_reminder"


def migrate(cr, version):
    if not version:
        return
    # ours when cs_property reflects the field, theirs until then: hand it
    # over rather than let cs_callcenter's clean-up delete the value (and
    # with it the campaigns' purpose)
    cr.execute(
        SQL(
            "DELETE FROM ir_model_data WHERE module = 'cs_callcenter' AND name = %s "
            "AND EXISTS (SELECT 1 FROM ir_model_data WHERE module = 'cs_property' "
            "AND name = %s)",
            NAME,
            NAME,
        )
    )
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = 'cs_property' "
            "WHERE module = 'cs_callcenter' AND name = %s",
            NAME,
        )
    )
