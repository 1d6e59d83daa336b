# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def pre_init_hook(env):
    """Create the phone key columns before the ORM does.

    A stored computed field added by the ORM is computed for every existing
    contact in one go at install; on a large contact base that is one huge
    batch. With the columns already present the ORM leaves them alone and
    ``post_init_hook`` fills them in batches instead.
    """
    env.cr.execute(
        SQL(
            "ALTER TABLE res_partner "
            "ADD COLUMN IF NOT EXISTS phone_e164 varchar, "
            "ADD COLUMN IF NOT EXISTS mobile_e164 varchar, "
            "ADD COLUMN IF NOT EXISTS phone_extension varchar"
        )
    )


def post_init_hook(env):
    env["res.partner"]._cs_fill_phone_keys()
