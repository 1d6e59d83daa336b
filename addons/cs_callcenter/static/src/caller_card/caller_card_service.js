/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {_t} from "@web/core/l10n/translation";
import {escape} from "@web/core/utils/strings";
import {markup} from "@odoo/owl";
import {registry} from "@web/core/registry";

/**
 * The caller card (来电弹屏): when the PBX rings an agent, the listener sends
 * ``cs_callcenter/incoming_call`` to that agent with ``cs.call._cs_caller_card``
 * (the shape of ``cs.api.lookup_caller``'s result, plus ``call_id``). The card shows who calls and their last calls, with buttons
 * to open the contact (or create it with the number filled in) and the call.
 * Other modules add buttons to the ``cs_caller_card_buttons`` registry:
 * functions ``(card, env) => [{name, onClick, primary}]``.
 */
export const callerCardService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, {bus_service, notification, action}) {
        const openForm = (resModel, resId, context = {}) =>
            action.doAction({
                type: "ir.actions.act_window",
                res_model: resModel,
                res_id: resId,
                views: [[false, "form"]],
                target: "current",
                context,
            });

        const show = (card) => {
            const best = card.partners[0];
            const lines = [];
            if (best) {
                lines.push(best.display_name);
                for (const other of card.partners.slice(1, 3)) {
                    lines.push(other.display_name);
                }
            } else {
                lines.push(_t("Unknown number"));
            }
            // the queue the caller waited in, the IVR choice they made
            if (card.queue) {
                lines.push(_t("Queue: %s", card.queue));
            }
            if (card.ivr) {
                lines.push(_t("IVR choice: %s", card.ivr));
            }
            for (const call of card.recent_calls || []) {
                lines.push(`${call.date || ""} · ${call.direction} · ${call.disposition || ""}`);
            }
            const buttons = [];
            if (best) {
                buttons.push({
                    name: _t("Open contact"),
                    primary: true,
                    onClick: () => openForm("res.partner", best.id),
                });
            } else {
                buttons.push({
                    name: _t("Create contact"),
                    primary: true,
                    onClick: () => openForm("res.partner", false, {default_phone: card.number}),
                });
            }
            buttons.push({
                name: _t("Open call"),
                onClick: () => openForm("cs.call", card.call_id),
            });
            for (const extra of registry.category("cs_caller_card_buttons").getAll()) {
                buttons.push(...extra(card, env));
            }
            const body = markup(lines.map((line) => `<div>${escape(line)}</div>`).join(""));
            notification.add(body, {
                // a blank or withheld caller id arrives as an empty number
                title: _t("Incoming call: %s", card.number || _t("Unknown number")),
                type: "info",
                sticky: true,
                className: "o_cs_caller_card",
                buttons,
            });
        };

        bus_service.subscribe("cs_callcenter/incoming_call", show);
        return {show};
    },
};

registry.category("services").add("cs_caller_card", callerCardService);
