/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

/**
 * Progress of a long run (campaign generation, call sampling): the server
 * sends ``cs_callcenter/progress`` {key, title, done, total} while it works
 * (res.users._cs_notify_progress); one sticky notification per run shows how
 * far it is and closes when it is done.
 */
export const csProgressService = {
    dependencies: ["bus_service", "notification"],
    start(env, {bus_service, notification}) {
        const open = new Map();
        bus_service.subscribe("cs_callcenter/progress", ({key, title, done, total}) => {
            open.get(key)?.();
            open.delete(key);
            if (done >= total) {
                return;
            }
            const percent = total ? Math.floor((100 * done) / total) : 0;
            const close = notification.add(
                _t("%(done)s of %(total)s (%(percent)s%)", {done, total, percent}),
                {title, type: "info", sticky: true, className: "o_cs_progress"}
            );
            open.set(key, close);
        });
        return {};
    },
};

registry.category("services").add("cs_progress", csProgressService);
