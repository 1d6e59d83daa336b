# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..pbx.events import CALL_EVENTS, EventError, interpret
from ..tools.phone import lookup_keys

_logger = logging.getLogger(__name__)

MAX_EVENT_KEYS = 200


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
    def lookup_caller(self, number):
        """Who is calling from ``number``?

        :param str number: the number as the PBX or the user gives it; without
            a country code it is read in the default region (the company's
            country, else the system parameter ``cs_callcenter.default_region``)
        :returns: ``{"number": number, "number_e164": str or False,
            "partners": [{"id", "name", "display_name", "is_company"}],
            "recent_calls": [...]}`` plus keys added by other modules
            (``cs.call._cs_caller_extra``). Only contacts shared by all
            companies or of the caller's companies are returned.
        """
        self._cs_check_caller()
        number = self._cs_require_string(number, "number")
        Partner = self.env["res.partner"]
        keys = lookup_keys(number, Partner._cs_default_region())
        # sudo: integration users may not read contacts; they get only the
        # fields listed here, for the contacts matching the number, of the
        # companies they belong to.
        partners = Partner.sudo()._cs_find_by_phone(
            number, keys, companies=self.env.user.company_ids
        )
        return (
            self.env["cs.call"]
            .sudo()
            ._cs_caller_values(number, keys[0] if keys else False, partners)
        )

    # -- PBX events pushed over HTTP ------------------------------------------------
    @api.model
    def pbx_event(self, event, server_id=False):
        """Record one call event pushed by a PBX that cannot use AMI.

        :param dict event: an AMI-shaped event: ``{"Event": "Newchannel",
            "Uniqueid": ..., "Linkedid": ..., ...}`` (string keys, string or
            number values), as Asterisk 22 sends it: ``Cdr`` names its call
            by ``UniqueID``; ids are at most 150 characters, seconds between
            0 and a week, ``Timestamp`` a Unix time; a caller number longer
            than 80 characters is cut
        :param int server_id: the ``cs.pbx.server``; default: the default PBX
            of the user (their own, else their company's first)
        :returns: ``{"calls": [call ids concerned], "ignored": bool}``
        :raises ValidationError: naming the key of a bad value
        """
        # Call events come from the PBX side only, never from an agent's browser.
        if not (
            self.env.user.has_group("cs_callcenter.group_integration")
            or self.env.user.has_group("base.group_system")
        ):
            raise AccessError(self.env._("Only integration users may push PBX events."))
        if not isinstance(event, dict) or not event:
            raise ValidationError(self.env._("event must be a non-empty dict."))
        if len(event) > MAX_EVENT_KEYS:
            raise ValidationError(
                self.env._("event has more than %s keys.", MAX_EVENT_KEYS)
            )
        for key, value in event.items():
            if not isinstance(key, str) or len(key) > 64:
                raise ValidationError(
                    self.env._("event keys must be short strings (key %s).", key)
                )
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
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
        try:
            updates = interpret(frame, server._cs_config().inbound_contexts)
        except EventError as error:
            raise ValidationError(
                self.env._(
                    "event key %(key)s: %(problem)s",
                    key=error.key,
                    problem=str(error).split(": ", 1)[-1],
                )
            ) from error
        # sudo: integration users have no direct access to calls; the update
        # goes through the same idempotent path as the AMI listener.
        calls, _deferred = (
            self.env["cs.call"].sudo()._cs_apply_pbx_updates(server.sudo(), updates)
        )
        return {"calls": calls.ids, "ignored": not calls}

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
        # sudo: integration users cannot read PBX servers nor users.
        server = self.env.user.sudo()._cs_pbx_server()
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
        # sudo: a contact the agent cannot read may still have asked not to be
        # called; only the flag is used, within the agent's companies.
        contacts = (
            self.env["res.partner"]
            .sudo()
            ._cs_find_by_phone(number, companies=user.company_ids)
        )
        if contacts.filtered("cs_do_not_call"):
            raise UserError(self.env._("This contact asked not to be called."))
        # The call is the agent's: it is created with the agent's rights, and
        # linked to the contact of the number the agent may see.
        Call = self.env["cs.call"].with_user(user)
        partner = (
            self.env["res.partner"]
            .with_user(user)
            ._cs_find_by_phone(number, companies=user.company_ids)[:1]
        )
        call = Call._cs_originate(number, user, partner=partner or None)
        return {"call_id": call.id, "state": call.state}
