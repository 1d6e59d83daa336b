/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component, onWillStart, useState} from "@odoo/owl";
import {Layout} from "@web/search/layout";
import {deserializeDateTime, formatDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * The home of an agent in the Customer Service app: their queue, one card
 * per section given by cs.agent.home (callbacks; tickets with cs_helpdesk),
 * read with their own access rights. A row opens its record, a card's
 * button the full list.
 */
export class CsAgentHome extends Component {
    static template = "cs_callcenter.CsAgentHome";
    static components = {Layout};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null});
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("cs.agent.home", "get_data", []);
    }

    formatDate(value) {
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }

    openRow(row) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: row.model,
            res_id: row.id,
            views: [[false, "form"]],
        });
    }

    openSection(section) {
        this.action.doAction(section.action);
    }
}

registry.category("actions").add("cs_callcenter.agent_home", CsAgentHome);
