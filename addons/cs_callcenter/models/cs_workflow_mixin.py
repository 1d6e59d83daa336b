# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

# The marker of the private path: a Python object in the context. A context
# sent over RPC is JSON, so no client can forge it (queue_job's idea).
_WORKFLOW = object()
_WORKFLOW_KEY = "cs_workflow_write"


class CsWorkflowMixin(models.AbstractModel):
    """Fields written only by the model's workflow methods — the suite's one
    write guard (callback results, QA totals, a complaint's step, SLA
    deadlines, a remedy's approval...).

    A model lists its fields in ``_cs_protected_fields`` (or extends
    ``_cs_workflow_fields()``). A plain ``create`` or ``write`` that sets one
    of them — over RPC, from a form, through a ``default_*`` context key, or
    from code running as a user — raises an ``AccessError`` naming the
    fields. The workflow methods check their rule, then write through the one
    private path, ``_cs_workflow_write`` / ``_cs_workflow_create``.

    Adapted from OCA queue_job's ``_protected_fields``, with one difference:
    the guard is for users. The superuser mode (data files, demo data,
    crons) and Settings administrators (imports, fixes: they can run any code
    anyway) are let through, so upstream tests and imports keep working.

    A model with a ``state`` may also list in ``_cs_draft_fields`` what is
    typed while it is a draft only (read-only on its form afterwards): a
    user's write of one of them on a record past draft is refused too.

    API: ``_cs_workflow_fields()``, ``_cs_guard_applies()``,
    ``_cs_check_workflow_fields(fnames)``, ``_cs_check_draft_fields(fnames)``,
    ``_cs_check_workflow_create(vals_list)``,
    ``_cs_workflow_write(vals)``, ``_cs_workflow_create(vals_list)``,
    ``_cs_workflow_env()``.
    """

    _name = "cs.workflow.mixin"
    _description = "Fields Written by Workflow Methods Only"

    _cs_protected_fields = ()
    # fields typed while the record is a draft only, read-only on its form
    # once it has moved on (``state`` other than "draft")
    _cs_draft_fields = ()

    @api.model
    def _cs_workflow_fields(self):
        """Names of the fields only workflow methods write (extend it with
        ``super()`` or list them in ``_cs_protected_fields``)."""
        return frozenset(self._cs_protected_fields)

    def _cs_guard_applies(self):
        """Whether this environment is a user's, outside the workflow."""
        return not (
            self.env.su
            or self.env.context.get(_WORKFLOW_KEY) is _WORKFLOW
            or self.env.user._is_system()
        )

    def _cs_field_names(self, fnames):
        """The labels of these fields with their names, for messages."""
        return ", ".join(
            f"{self._fields[f]._description_string(self.env)} ({f})"
            for f in sorted(fnames)
        )

    def _cs_check_draft_fields(self, fnames):
        """Refuse a user's write of a draft-only field (``_cs_draft_fields``)
        on records that are no longer drafts."""
        typed = set(fnames) & set(self._cs_draft_fields)
        if not typed or not self._cs_guard_applies():
            return
        moved = self.filtered(lambda record: record.state != "draft")
        if moved:
            raise AccessError(
                self.env._(
                    "%(record)s is no longer a draft: %(fields)s stay as they were.",
                    record=moved[0].display_name,
                    fields=self._cs_field_names(typed),
                )
            )

    def _cs_check_workflow_fields(self, fnames):
        """Refuse a user's write or create that sets a workflow field."""
        if not self._cs_guard_applies():
            return
        protected = set(fnames) & self._cs_workflow_fields()
        if protected:
            names = self._cs_field_names(protected)
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
        """The create's values and the context's ``default_*`` keys (which the
        ORM adds later, past any check)."""
        if not self._cs_guard_applies():
            # before collecting the names: models with big batches of
            # creates (invoice lines) pay nothing outside the guard
            return
        defaults = {key[8:] for key in self.env.context if key.startswith("default_")}
        self._cs_check_workflow_fields(
            {name for vals in vals_list for name in vals} | defaults
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._cs_check_workflow_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._cs_check_workflow_fields(vals)
        self._cs_check_draft_fields(vals)
        return super().write(vals)

    def _cs_workflow_env(self):
        """These records in the workflow's private path (for a model whose
        own ``create`` adds workflow values before calling ``super()``)."""
        return self.with_context(**{_WORKFLOW_KEY: _WORKFLOW})

    def _cs_workflow_write(self, vals):
        """Write ``vals``, workflow fields included: for workflow methods,
        once they have checked their rule. The user's own access rights and
        record rules still apply to the write (it is not a sudo)."""
        return self._cs_workflow_env().write(vals)

    @api.model
    def _cs_workflow_create(self, vals_list):
        """Create records with workflow fields set (see ``_cs_workflow_write``);
        they are returned in the caller's environment."""
        records = self._cs_workflow_env().create(vals_list)
        return records.with_env(self.env)
