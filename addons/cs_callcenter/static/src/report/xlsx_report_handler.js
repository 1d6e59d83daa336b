/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const handlers = registry.category("ir.actions.report handlers");

// report_xlsx's handler downloads the workbook, but when the action asks to
// close the dialog it came from (close_on_report_download, which Odoo sets on
// a report opened from a wizard) it answers undefined: the action manager
// then looks further and fails with "can't handle reports of type xlsx".
// This handler runs first (report_xlsx is a dependency, so its handler is
// registered before any report is printed) and always says it handled one.
handlers.add(
    "cs_callcenter_xlsx",
    async (action, options, env) => {
        if (action.report_type !== "xlsx") {
            return false;
        }
        await handlers.get("xlsx_handler")(action, options, env);
        return true;
    },
    {sequence: 10}
);
