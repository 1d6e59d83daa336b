/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

// "New ticket" on the caller card: the ticket form of the caller, linked to
// the call (channel phone and contact are filled in by helpdesk.ticket.create).
registry.category("cs_caller_card_buttons").add("cs_helpdesk.new_ticket", (card, env) => [
    {
        name: _t("New ticket"),
        onClick: () =>
            env.services.action.doAction({
                type: "ir.actions.act_window",
                res_model: "helpdesk.ticket",
                views: [[false, "form"]],
                target: "current",
                context: {
                    default_cs_call_id: card.call_id,
                    default_partner_id: card.partners.length ? card.partners[0].id : false,
                },
            }),
    },
]);
