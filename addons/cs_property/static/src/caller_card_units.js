/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

// The caller's units on the caller card: "Unit A-1-1201" opens the unit
// (balance, occupants, tickets); "New repair" opens a repair ticket with the
// caller's first unit (the one they pay for) preselected.
registry.category("cs_caller_card_buttons").add("cs_property.units", (card, env) => {
    const units = card.units || [];
    if (!units.length) {
        return [];
    }
    const open = (resModel, resId, context = {}) =>
        env.services.action.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
            target: "current",
            context,
        });
    return [
        ...units.slice(0, 3).map((unit) => ({
            name: _t("Unit %(code)s (%(balance)s)", {code: unit.code, balance: unit.balance}),
            onClick: () => open("cs.unit", unit.id),
        })),
        {
            name: _t("New repair"),
            onClick: () =>
                open("helpdesk.ticket", false, {
                    default_cs_call_id: card.call_id,
                    default_partner_id: card.partners.length ? card.partners[0].id : false,
                    default_cs_kind: "repair",
                    default_cs_unit_id: units[0].id,
                }),
        },
    ];
});
