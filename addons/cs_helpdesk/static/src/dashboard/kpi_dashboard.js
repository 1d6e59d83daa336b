/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component, onWillStart, useState} from "@odoo/owl";
import {Layout} from "@web/search/layout";
import {deserializeDate, formatDate} from "@web/core/l10n/dates";
import {CsChart} from "./cs_chart";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const OPEN = [["stage_id.closed", "=", false]];

/**
 * Supervisor dashboard: the KPIs of docs/DOMAIN.md §8 for a period, the backlog by
 * age and the SLA alerts. Every figure comes from cs.helpdesk.dashboard
 * (computed by the database with the user's rights); the tiles open the
 * tickets behind them.
 */
export class CsKpiDashboard extends Component {
    static template = "cs_helpdesk.CsKpiDashboard";
    static components = {Layout, CsChart};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null, charts: null, period: 30});
        onWillStart(() => this.load());
    }

    async load() {
        const [data, charts] = await Promise.all([
            this.orm.call("cs.helpdesk.dashboard", "get_data", [this.state.period]),
            this.orm.call("cs.helpdesk.dashboard", "get_chart_data", [this.state.period]),
        ]);
        this.state.data = data;
        this.state.charts = charts;
    }

    /** The x axis of the charts: the first day of each day, week or month. */
    get chartLabels() {
        const charts = this.state.charts;
        return charts.buckets.map((bucket) => {
            const date = deserializeDate(bucket);
            return charts.granularity === "month" ? date.toFormat("yyyy-MM") : formatDate(date);
        });
    }

    periodLabel(days) {
        return _t("%s days", days);
    }

    async setPeriod(days) {
        this.state.period = days;
        await this.load();
    }

    openTickets(name, domain) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: "helpdesk.ticket",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain,
        });
    }

    openSla(status) {
        const label = status === "breached" ? _t("SLA Breached") : _t("SLA at Risk");
        this.openTickets(label, [...OPEN, ["cs_sla_status", "=", status]]);
    }

    openBacklog(age) {
        this.openTickets(_t("Backlog"), age ? age.domain : OPEN);
    }

    openPeriod(extra = []) {
        const since = [["create_date", ">=", this.state.data.since]];
        this.openTickets(_t("Tickets"), [...since, ...extra]);
    }

    openTeam(team) {
        this.openPeriod([["team_id", "=", team.id || false]]);
    }
}

registry.category("actions").add("cs_helpdesk.kpi_dashboard", CsKpiDashboard);
