# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.fees import consumption


class CsMeter(models.Model):
    """A meter (water, electricity, gas) of a unit, read for a metered fee
    item (抄表)."""

    _name = "cs.meter"
    _description = "Meter"
    _order = "unit_id, fee_item_id, date_installed desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Serial Number", required=True)
    unit_id = fields.Many2one(
        "cs.unit", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, precompute=True
    )
    fee_item_id = fields.Many2one(
        "cs.fee.item",
        required=True,
        ondelete="restrict",
        domain=[("method", "=", "metered")],
        check_company=True,
    )
    rollover_at = fields.Float(
        string="Rolls Over At",
        help="The counter value after which it starts again at zero, e.g. 100000 "
        "for five digits. Empty: the counter never rolls over.",
    )
    initial_value = fields.Float(help="The counter when the meter was installed.")
    date_installed = fields.Date(required=True, default=fields.Date.context_today)
    date_removed = fields.Date(readonly=True)
    replaced_meter_id = fields.Many2one("cs.meter", readonly=True, string="Replaces")
    reading_ids = fields.One2many("cs.meter.reading", "meter_id")
    last_value = fields.Float(compute="_compute_last_value")
    active = fields.Boolean(default=True)

    @api.depends("reading_ids.value")
    def _compute_last_value(self):
        last = self.env["cs.meter.reading"]._cs_last_readings(self)
        for meter in self:
            reading = last.get(meter.id)
            meter.last_value = reading.value if reading else meter.initial_value

    def action_replace(self, date, final_value, new_name, new_initial_value=0.0):
        """Replace the meter on ``date``: its last reading ``final_value`` is
        recorded (billed with the period), then a new meter starts at
        ``new_initial_value``. Returns the new meter."""
        self.ensure_one()
        if not self.active:
            raise ValidationError(
                self.env._("Meter %(meter)s was replaced already.", meter=self.name)
            )
        self.env["cs.meter.reading"].create(
            {"meter_id": self.id, "date": date, "value": final_value}
        )
        new = self.create(
            {
                "name": new_name,
                "unit_id": self.unit_id.id,
                "fee_item_id": self.fee_item_id.id,
                "rollover_at": self.rollover_at,
                "initial_value": new_initial_value,
                "date_installed": date,
                "replaced_meter_id": self.id,
            }
        )
        self.write({"active": False, "date_removed": date})
        return new


class CsMeterReading(models.Model):
    """One reading of a meter; its consumption is this value minus the
    previous reading (or the meter's initial value). A value lower than the
    previous one is refused unless the reader confirms a rollover."""

    _name = "cs.meter.reading"
    _description = "Meter Reading"
    _order = "meter_id, date desc, id desc"
    _check_company_auto = True

    meter_id = fields.Many2one(
        "cs.meter", required=True, ondelete="cascade", index=True, check_company=True
    )
    unit_id = fields.Many2one(
        related="meter_id.unit_id", store=True, index=True, precompute=True
    )
    fee_item_id = fields.Many2one(
        related="meter_id.fee_item_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="meter_id.company_id", store=True, precompute=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(required=True)
    rollover = fields.Boolean(help="The counter passed its maximum and restarted.")
    previous_value = fields.Float(readonly=True)
    consumption = fields.Float(readonly=True)

    @api.model
    def _cs_last_readings(self, meters):
        """``{meter id: its latest reading}`` (one query)."""
        readings = self.search_fetch(
            [("meter_id", "in", meters.ids)],
            ["meter_id", "date", "value"],
            order="meter_id, date desc, id desc",
        )
        last = {}
        for reading in readings:
            last.setdefault(reading.meter_id.id, reading)
        return last

    @api.model_create_multi
    def create(self, vals_list):
        meters = self.env["cs.meter"].browse(
            {vals["meter_id"] for vals in vals_list if vals.get("meter_id")}
        )
        last = {
            meter_id: (reading.date, reading.value)
            for meter_id, reading in self._cs_last_readings(meters).items()
        }
        today = fields.Date.context_today(self)
        for vals in vals_list:
            meter = meters.browse(vals["meter_id"])
            day = fields.Date.to_date(vals.get("date")) or today
            value = vals.get("value", 0.0)
            previous_date, previous = last.get(
                meter.id, (meter.date_installed, meter.initial_value)
            )
            if meter.date_removed or not meter.active:
                raise ValidationError(
                    self.env._("Meter %(meter)s was replaced.", meter=meter.name)
                )
            if previous_date and day < previous_date:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s was read on %(date)s already: enter "
                        "readings in date order.",
                        meter=meter.name,
                        date=previous_date,
                    )
                )
            try:
                used = consumption(
                    value, previous, meter.rollover_at, vals.get("rollover", False)
                )
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Reading %(value)s of meter %(meter)s is lower than the "
                        "previous reading %(previous)s: tick Rollover if the "
                        "counter restarted, or replace the meter.",
                        value=value,
                        meter=meter.name,
                        previous=previous,
                    )
                ) from error
            vals.update(previous_value=previous, consumption=used)
            last[meter.id] = (day, value)
        return super().create(vals_list)

    def write(self, vals):
        if {"meter_id", "value", "date", "rollover"} & set(vals):
            raise ValidationError(
                self.env._(
                    "A meter reading cannot be changed: delete the latest reading "
                    "and enter it again."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_latest(self):
        last = self._cs_last_readings(self.meter_id)
        if any(last.get(reading.meter_id.id) != reading for reading in self):
            raise ValidationError(
                self.env._("Only the latest reading of a meter can be deleted.")
            )

    @api.model
    def _cs_consumption(self, units, fee_items, start, end):
        """``{(unit id, fee item id): consumption}`` of readings dated within
        [start, end], over every meter of the unit (a replaced one too)."""
        groups = self.with_context(active_test=False)._read_group(
            [
                ("unit_id", "in", units.ids),
                ("fee_item_id", "in", fee_items.ids),
                ("date", ">=", start),
                ("date", "<=", end),
            ],
            ["unit_id", "fee_item_id"],
            ["consumption:sum"],
        )
        return {(unit.id, item.id): used for unit, item, used in groups}
