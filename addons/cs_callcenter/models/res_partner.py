# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from ..tools.phone import lookup_keys, normalize

DEFAULT_REGION_PARAM = "cs_callcenter.default_region"

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Lookup keys: E.164 (or a short code as dialled), indexed so that finding
    # a caller is an index hit, never a scan over every contact.
    phone_e164 = fields.Char(
        string="Phone (E.164)",
        compute="_compute_phone_keys",
        store=True,
        index="btree_not_null",
        copy=False,
    )
    mobile_e164 = fields.Char(
        string="Mobile (E.164)",
        compute="_compute_phone_keys",
        store=True,
        index="btree_not_null",
        copy=False,
    )
    phone_extension = fields.Char(
        string="Extension of Phone", compute="_compute_phone_keys", store=True
    )
    phone_invalid = fields.Boolean(
        string="Invalid Phone", compute="_compute_phone_invalid"
    )
    mobile_invalid = fields.Boolean(
        string="Invalid Mobile", compute="_compute_phone_invalid"
    )
    cs_do_not_call = fields.Boolean(
        string="Do Not Call",
        tracking=True,
        help="The customer asked not to be called: click-to-call warns first "
        "and callback campaigns skip the contact.",
    )
    cs_call_ids = fields.One2many("cs.call", "partner_id", string="Call History")
    cs_call_count = fields.Integer(string="Calls", compute="_compute_cs_call_count")

    @api.model
    def _cs_default_region(self, server=None, company=None):
        """The region (ISO country code) of numbers written or sent without a
        country code. The one rule, used everywhere: the PBX server's region
        (the country of its company), else the company's country, else the
        system parameter ``cs_callcenter.default_region`` (CN).

        :param server: the ``cs.pbx.server`` the number came through, if any
        :param company: the company the number belongs to (default: current)
        """
        country = server.company_id.country_id if server else None
        country = country or (company or self.env.company).country_id
        if country.code:
            return country.code
        # sudo: a configuration value every user's numbers depend on.
        parameter = self.env["ir.config_parameter"].sudo()
        return (parameter.get_param(DEFAULT_REGION_PARAM) or "CN").strip().upper()

    def _cs_phone_region(self):
        """Default region of the contact's numbers: its country, else the
        default region of its company (``_cs_default_region``)."""
        self.ensure_one()
        return self.country_id.code or self._cs_default_region(
            company=self.company_id or self.env.company
        )

    @api.model
    def _cs_find_by_phone(self, number, keys=None, companies=None):
        """Active contacts whose phone or mobile is ``number``, best first:
        exact key first, then a number read without its country code; a
        person before its company. Runs with the current rights.

        :param str number: the number as typed or sent by the PBX
        :param list keys: its lookup keys when the caller computed them
            (``tools.phone.lookup_keys`` with ``_cs_default_region``)
        :param companies: when given, only contacts shared by every company
            or belonging to one of these (callers looked up on behalf of a
            company never see another company's contacts, even under sudo)
        """
        if keys is None:
            keys = lookup_keys(number or "", self._cs_default_region())
        return self._cs_find_by_keys([keys], companies)[0]

    @api.model
    def _cs_find_by_keys(self, key_lists, companies=None):
        """``_cs_find_by_phone`` for several numbers at once (their lookup
        keys), in one query: a list of recordsets, one per number."""
        every_key = sorted({key for keys in key_lists for key in keys})
        if not every_key:
            return [self.browse() for _keys in key_lists]
        domain = [
            "|",
            ("phone_e164", "in", every_key),
            ("mobile_e164", "in", every_key),
        ]
        if companies is not None:
            domain += [("company_id", "in", [False, *companies.ids])]
        # One query, fetching only what ranking and the result need.
        found = self.search_fetch(
            domain,
            ["name", "complete_name", "is_company", "phone_e164", "mobile_e164"],
            limit=50 * len(key_lists),
        )
        results = []
        for keys in key_lists:
            rank = {key: index for index, key in enumerate(keys)}
            miss = len(keys)

            def order(partner, rank=rank, miss=miss):
                best = min(
                    rank.get(partner.phone_e164, miss),
                    rank.get(partner.mobile_e164, miss),
                )
                return (best, partner.is_company, partner.id)

            matching = found.filtered(
                lambda p, rank=rank: p.phone_e164 in rank or p.mobile_e164 in rank
            )
            results.append(matching.sorted(order)[:50])
        return results

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_phone_keys(self):
        for partner in self:
            region = partner._cs_phone_region()
            phone = normalize(partner.phone, region)
            mobile = normalize(partner.mobile, region)
            partner.phone_e164 = phone.key
            partner.mobile_e164 = mobile.key
            partner.phone_extension = phone.extension or mobile.extension

    @api.depends("phone", "mobile", "phone_e164", "mobile_e164")
    def _compute_phone_invalid(self):
        for partner in self:
            partner.phone_invalid = bool(partner.phone and not partner.phone_e164)
            partner.mobile_invalid = bool(partner.mobile and not partner.mobile_e164)

    def _compute_cs_call_count(self):
        counts = dict(
            self.env["cs.call"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cs_call_count = counts.get(partner, 0)

    @api.model
    def _cs_fill_phone_keys(self, batch_size=5000):
        """Compute the phone keys of every contact with a number, in batches."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner "
                "WHERE COALESCE(phone, '') != '' OR COALESCE(mobile, '') != '' "
                "ORDER BY id"
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        fnames = ["phone_e164", "mobile_e164", "phone_extension"]
        partners_model = self.with_context(active_test=False)
        for done, batch in enumerate(split_every(batch_size, ids), start=1):
            partners = partners_model.browse(batch)
            for fname in fnames:
                self.env.add_to_compute(self._fields[fname], partners)
            partners._recompute_recordset(fnames)
            partners.flush_recordset(fnames)
            self.env.invalidate_all()
            _logger.info(
                "phone keys: %d/%d contacts", min(done * batch_size, len(ids)), len(ids)
            )

    def action_cs_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_callcenter.cs_call_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
