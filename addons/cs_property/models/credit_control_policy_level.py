# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

# DOMAIN.md §7a: the collection ladder of the fee desk
STAGES = [
    ("reminder", "Reminder"),
    ("notice", "Written Notice"),
    ("phone", "Phone Call"),
    ("legal", "Legal Action"),
]


# an SMS level falls back to email when the channel is uninstalled
SMS_ONDELETE = {"sms": lambda records: records.write({"channel": "email"})}


class CreditControlPolicyLevel(models.Model):
    _inherit = "credit.control.policy.level"

    # 催缴提醒 by text message: the level's text (custom_text) goes to the
    # payer's mobile through Odoo's sms module (see credit_control_sms.py)
    channel = fields.Selection(selection_add=[("sms", "SMS")], ondelete=SMS_ONDELETE)

    cs_stage = fields.Selection(
        STAGES,
        string="Collection Stage",
        help="Phone Call: each credit line becomes a callback task of the "
        "estate's fee-reminder campaign. Legal Action: the payer's unit leaves "
        "the automated levels until a Manager releases it.",
    )

    def _cs_is_phone(self):
        """A phone level: any policy's level worked by a call (channel phone)."""
        self.ensure_one()
        return self.channel == "phone" or self.cs_stage == "phone"

    def _get_level_move_lines(self, controlling_date, lines):
        """Upstream's selection, set-based: the last sent line of each move
        line (highest id, not draft nor ignored nor manually overridden) is
        found once with DISTINCT ON instead of a correlated ``max(id)``
        subquery per row, which never finished at 20,000 move lines. Same
        boundaries (upstream's own SQL fragments), same result."""
        self.ensure_one()
        move_line_obj = self.env["account.move.line"]
        if not lines:
            return move_line_obj
        self.env["credit.control.line"].flush_model()
        ids = list(lines.ids)
        # upstream's own fragments (fixed SQL); every value is a parameter
        boundary = SQL(
            self._get_sql_date_boundary_for_computation_mode(),
            controlling_date=controlling_date,
            delay=self.delay_days,
        )
        query = SQL(
            """
            WITH cr_last AS (
                SELECT DISTINCT ON (move_line_id) move_line_id, id, level, date
                  FROM credit_control_line
                 WHERE move_line_id = ANY(%s)
                   AND state NOT IN ('draft', 'ignored')
                   AND manually_overridden IS NOT True
                 ORDER BY move_line_id, id DESC)
            SELECT mv_line.id
              FROM account_move_line mv_line
              LEFT JOIN cr_last cr_line ON cr_line.move_line_id = mv_line.id
             WHERE (mv_line.debit IS NOT NULL AND mv_line.debit != 0.0)
               AND mv_line.id = ANY(%s)
               AND %s
               AND %s
            """,
            ids,
            ids,
            boundary,
            SQL(self._get_sql_level_part()),
        )
        self.env.cr.execute(query)
        return move_line_obj.browse([row[0] for row in self.env.cr.fetchall()])
