# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class CsHelpdeskWorkflowMixin(models.AbstractModel):
    """The write guard of workflow fields.

    Workflow fields (a complaint's step, an SLA deadline, a remedy's
    approval...) move only through the workflow methods that check the rules
    of the move. A plain ``create``/``write`` by a user that sets one of them,
    directly or through a ``default_*`` context key, is refused with an
    ``AccessError`` naming the field; the web client never sends them, as they
    are read-only in the views and in their definitions.

    The guard is for users. It lets through:

    - the superuser mode (``sudo()``, data files, demo data, the crons);
    - Settings administrators (imports, fixes): they can run any code anyway;
    - the workflow methods, which write through the one private path
      ``_cs_workflow_write`` once they have checked their rule and the
      user's right to change the record.

    API: ``_cs_workflow_fields()`` (override, extend with ``super()``),
    ``_cs_check_workflow_fields(fnames)``, ``_cs_check_workflow_create(vals_list)``,
    ``_cs_workflow_write(vals)``.
    """

    _name = "cs.helpdesk.workflow.mixin"
    _description = "Workflow Field Guard"

    @api.model
    def _cs_workflow_fields(self):
        """Names of the fields only workflow methods write."""
        return frozenset()

    def _cs_guard_applies(self):
        return not (self.env.su or self.env.user._is_system())

    def _cs_check_workflow_fields(self, fnames):
        """Refuse a user's write or create that sets a workflow field."""
        if not self._cs_guard_applies():
            return
        protected = sorted(set(fnames) & self._cs_workflow_fields())
        if protected:
            names = ", ".join(
                f"{self._fields[f]._description_string(self.env)} ({f})"
                for f in protected
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s can only be changed by the workflow "
                    "(its buttons), not written directly.",
                    fields=names,
                    model=self._description,
                )
            )

    @api.model
    def _cs_check_workflow_create(self, vals_list):
        """The create's values and the ``default_*`` keys of the context."""
        defaults = [key[8:] for key in self.env.context if key.startswith("default_")]
        for vals in vals_list:
            self._cs_check_workflow_fields(list(vals) + defaults)

    def _cs_workflow_write(self, vals):
        """The private path of the workflow methods (never callable over RPC).

        The caller has checked its rule; the user's right to change these
        records is checked here, then the values are written in superuser
        mode, which the guard lets through (the author of the tracking
        messages stays the user)."""
        if self and not self.env.su:
            self.check_access("write")
        # sudo: the guard refuses workflow fields to users; this is the
        # workflow's own path, after the access check above.
        return self.sudo().write(vals)
