# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..pbx.events import CALL_EVENTS, interpret
from ..tools.phone import lookup_keys

_logger = logging.getLogger(__name__)

RECENT_CALLS = 5


class CsApi(models.AbstractModel):
    """The XML-RPC surface of the suite for partner systems.

    Every public method takes and returns plain values (ids, strings, numbers,
    lists, dicts), validates its arguments and raises UserError,
    ValidationError or AccessError with a clear message. Callers must be an
    Agent or an Integration user. Other modules extend the results through
    the ``_cs_*`` hooks.
    """

    _name = "cs.api"
    _description = "Customer Service API"

    # -- access ---------------------------------------------------------------
    @api.model
    def _cs_check_caller(self):
        user = self.env.user
        if not (
            user.has_group("cs_callcenter.group_agent")
            or user.has_group("cs_callcenter.group_integration")
        ):
            raise AccessError(
                self.env._("Only agents and integration users may use the API.")
            )

    @api.model
    def _cs_require_string(self, value, name, max_length=64):
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                self.env._("%(name)s must be a non-empty string.", name=name)
            )
        if len(value) > max_length:
            raise ValidationError(
                self.env._(
                    "%(name)s is longer than %(max)s characters.",
                    name=name,
                    max=max_length,
                )
            )
        return value.strip()

    # -- caller lookup ------------------------------------------------------------
    @api.model
    def _cs_region(self):
        return self.env.company.country_id.code or None

    @api.model
    def _cs_find_partners(self, number, keys=None):
        """Active contacts whose phone or mobile is ``number``, best first:
        exact key first, then a number read without its country code; a
        person before its company. ``keys``: the number's lookup keys when
        the caller computed them already. Runs with the current rights."""
        if keys is None:
            keys = lookup_keys(number or "", self._cs_region())
        if not keys:
            return self.env["res.partner"]
        # One query, fetching only what ranking and the result need.
        partners = self.env["res.partner"].search_fetch(
            ["|", ("phone_e164", "in", keys), ("mobile_e164", "in", keys)],
            ["name", "complete_name", "is_company", "phone_e164", "mobile_e164"],
            limit=50,
        )
        rank = {key: index for index, key in enumerate(keys)}

        def order(partner):
            best = min(
                rank.get(partner.phone_e164, len(keys)),
                rank.get(partner.mobile_e164, len(keys)),
            )
            return (best, partner.is_company, partner.id)

        return partners.sorted(order)

    @api.model
    def lookup_caller(self, number):
        """Who is calling from ``number``?

        :param str number: the number as the PBX or the user gives it
        :returns: ``{"number": number, "number_e164": str or False,
            "partners": [{"id", "name", "display_name", "is_company"}],
            "recent_calls": [...]}`` plus keys added by other modules
            (``_cs_lookup_caller_extra``)
        """
        self._cs_check_caller()
        number = self._cs_require_string(number, "number")
        keys = lookup_keys(number, self._cs_region())
        # sudo: integration users may not read contacts; they get only the
        # fields listed here, for the contacts matching the number.
        partners = self.sudo()._cs_find_partners(number, keys)
        result = {
            "number": number,
            "number_e164": keys[0] if keys else False,
            "partners": [
                {
                    "id": p.id,
                    "name": p.name or "",
                    # the stored complete name is the display name here
                    "display_name": p.complete_name or p.name or "",
                    "is_company": p.is_company,
                }
                for p in partners
            ],
        }
        result.update(self.sudo()._cs_lookup_caller_extra(partners))
        return result

    @api.model
    def _cs_lookup_caller_extra(self, partners):
        """Extra keys of ``lookup_caller`` for the matched ``partners``
        (best first). Extend with super() and ``dict.update``."""
        calls = self.env["cs.call"].search(
            [("partner_id", "in", partners[:1].ids)], limit=RECENT_CALLS
        )
        return {
            "recent_calls": [
                {
                    "id": call.id,
                    "direction": call.direction,
                    "date": call.ring_date and call.ring_date.isoformat(),
                    "disposition": call.disposition or False,
                    "agent": call.user_id.name or False,
                }
                for call in calls
            ]
        }

    @api.model
    def _cs_caller_card(self, call):
        """Payload of the caller card sent to the agent's browser."""
        card = (
            self.lookup_caller(call.number or "?")
            if call.number
            else {
                "number": "",
                "number_e164": False,
                "partners": [],
            }
        )
        card["call_id"] = call.id
        return card

    # -- PBX events pushed over HTTP ------------------------------------------------
    @api.model
    def pbx_event(self, event, server_id=False):
        """Record one call event pushed by a PBX that cannot use AMI.

        :param dict event: an AMI-shaped event: ``{"Event": "Newchannel",
            "Uniqueid": ..., "Linkedid": ..., ...}`` (string keys and values)
        :param int server_id: the ``cs.pbx.server``; default: the first
            active one of the user's company
        :returns: ``{"calls": [call ids touched], "ignored": bool}``
        """
        # Call events come from the PBX side only, never from an agent's browser.
        if not (
            self.env.user.has_group("cs_callcenter.group_integration")
            or self.env.user.has_group("base.group_system")
        ):
            raise AccessError(self.env._("Only integration users may push PBX events."))
        if not isinstance(event, dict) or not event:
            raise ValidationError(self.env._("event must be a non-empty dict."))
        for key, value in event.items():
            if not isinstance(key, str) or not isinstance(value, (str, int, float)):
                raise ValidationError(
                    self.env._("event values must be strings (key %s).", key)
                )
        frame = {key: str(value) for key, value in event.items()}
        name = frame.get("Event")
        if not name:
            raise ValidationError(self.env._("event needs an 'Event' key."))
        server = self._cs_pbx_server(server_id)
        if name not in CALL_EVENTS:
            _logger.info("pbx_event: %s ignored (not a call event)", name)
            return {"calls": [], "ignored": True}
        updates = interpret(frame, server._cs_config().inbound_contexts)
        # sudo: integration users have no direct access to calls; the update
        # goes through the same idempotent path as the AMI listener.
        calls = self.env["cs.call"].sudo()._cs_apply_pbx_updates(server.sudo(), updates)
        return {"calls": calls.ids, "ignored": not updates}

    @api.model
    def _cs_pbx_server(self, server_id=False):
        servers = self.env["cs.pbx.server"].sudo()
        if server_id:
            if not isinstance(server_id, int) or isinstance(server_id, bool):
                raise ValidationError(self.env._("server_id must be an integer."))
            server = servers.browse(server_id).exists()
            if not server or not server.active:
                raise UserError(self.env._("No active PBX with id %s.", server_id))
            if server.company_id and server.company_id not in self.env.user.company_ids:
                raise AccessError(self.env._("This PBX belongs to another company."))
            return server
        server = servers.search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )
        if not server:
            raise UserError(self.env._("No active PBX is configured."))
        return server

    # -- click-to-call ----------------------------------------------------------
    @api.model
    def originate(self, number, user_login=False):
        """Ring the agent's extension, then dial ``number``.

        :param str number: the customer's number
        :param str user_login: the agent to ring (default: the caller)
        :returns: ``{"call_id": int, "state": str}``
        """
        self._cs_check_caller()
        number = self._cs_require_string(number, "number")
        user = self.env.user
        if user_login:
            login = self._cs_require_string(user_login, "user_login")
            # Checked before the login is looked up: a refusal must not tell
            # whether the login exists.
            if login != user.login and not (
                user.has_group("cs_callcenter.group_integration")
                or user.has_group("cs_callcenter.group_supervisor")
            ):
                raise AccessError(self.env._("You may only place your own calls."))
            # sudo: find the agent by login; integration users cannot read users.
            user = self.env["res.users"].sudo().search([("login", "=", login)], limit=1)
        # One answer for an unknown login and for a user who cannot be rung.
        if (
            not user
            or user.share
            or not user.cs_extension
            or not user.has_group("cs_callcenter.group_agent")
            or user.has_group("cs_callcenter.group_integration")
        ):
            raise UserError(
                self.env._("No agent with a phone extension has this login.")
            )
        # sudo: integration users cannot read contacts; only the flag is used.
        if self.sudo()._cs_find_partners(number).filtered("cs_do_not_call"):
            raise UserError(self.env._("This contact asked not to be called."))
        # The call is the agent's: it is created with the agent's rights.
        call = self.env["cs.call"].with_user(user)._cs_originate(number, user)
        return {"call_id": call.id, "state": call.state}
