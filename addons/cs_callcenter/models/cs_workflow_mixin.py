# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

# The marker of the private path: a Python object in the context. A context
# sent over RPC is JSON, so no client can forge it (queue_job's idea).
_WORKFLOW = object()
_WORKFLOW_KEY = "cs_workflow_write"


class CsWorkflowMixin(models.AbstractModel):
    """Fields written only by the model's workflow methods.

    A model lists them in ``_cs_protected_fields``. A plain ``create`` or
    ``write`` that sets one of them (over RPC, from a form, from code running
    as a user) raises an ``AccessError`` naming the fields. The workflow
    methods write them through the one private path, ``_cs_workflow_write``
    / ``_cs_workflow_create``, after checking who may do what.

    Adapted from OCA queue_job's ``_protected_fields``, with one difference:
    the superuser is not refused, so data files, imports by the administrator
    and upstream tests keep working.
    """

    _name = "cs.workflow.mixin"
    _description = "Fields Written by Workflow Methods Only"

    _cs_protected_fields = ()

    def _cs_in_workflow(self):
        """Whether this environment may write protected fields."""
        return self.env.su or self.env.context.get(_WORKFLOW_KEY) is _WORKFLOW

    def _cs_check_protected(self, field_names):
        if self._cs_in_workflow():
            return
        protected = sorted(set(field_names) & set(self._cs_protected_fields))
        if protected:
            raise AccessError(
                self.env._(
                    "%(fields)s of a %(model)s change only through its buttons, "
                    "not by a direct write.",
                    fields=", ".join(protected),
                    model=self._description,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._cs_check_protected({name for vals in vals_list for name in vals})
        return super().create(vals_list)

    def write(self, vals):
        self._cs_check_protected(vals)
        return super().write(vals)

    def _cs_workflow_write(self, vals):
        """Write ``vals``, protected fields included: for workflow methods,
        once they have checked the user may do this."""
        return self.with_context(**{_WORKFLOW_KEY: _WORKFLOW}).write(vals)

    @api.model
    def _cs_workflow_create(self, vals_list):
        """Create records with protected fields set (see ``_cs_workflow_write``);
        they are returned in the caller's environment."""
        records = self.with_context(**{_WORKFLOW_KEY: _WORKFLOW}).create(vals_list)
        return records.with_env(self.env)
