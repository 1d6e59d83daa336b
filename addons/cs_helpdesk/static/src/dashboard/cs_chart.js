/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Component, onMounted, onPatched, onWillStart, onWillUnmount, useRef} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
/* global Chart */

// The same colours for the same meaning on every chart of the dashboard.
export const CS_CHART_COLORS = {
    on_track: "#28a745",
    met: "#17a2b8",
    at_risk: "#ffc107",
    breached: "#dc3545",
    none: "#adb5bd",
    due: "#adb5bd",
    called: "#6f42c1",
    reached: "#28a745",
    csat: "#fd7e14",
};

/**
 * A Chart.js chart (the library of Odoo's graph view, loaded the same way)
 * drawn from ``labels`` and ``series`` ([{key, label, data}]).
 */
export class CsChart extends Component {
    static template = "cs_helpdesk.CsChart";
    static props = {
        type: {type: String, optional: true},
        labels: Array,
        series: Array,
        stacked: {type: Boolean, optional: true},
        percent: {type: Boolean, optional: true},
        cssClass: {type: String, optional: true},
    };

    setup() {
        this.canvas = useRef("canvas");
        this.chart = null;
        onWillStart(() => loadBundle("web.chartjs_lib"));
        onMounted(() => this.draw());
        onPatched(() => this.draw());
        onWillUnmount(() => this.chart?.destroy());
    }

    draw() {
        this.chart?.destroy();
        const type = this.props.type || "bar";
        const datasets = this.props.series.map((serie) => {
            const color = CS_CHART_COLORS[serie.key] || "#1f77b4";
            return {
                label: serie.label,
                data: serie.data,
                backgroundColor: type === "line" ? color + "33" : color,
                borderColor: color,
                borderWidth: type === "line" ? 2 : 1,
                spanGaps: true,
                fill: false,
                tension: 0.2,
            };
        });
        const yAxis = {beginAtZero: true, stacked: Boolean(this.props.stacked)};
        if (this.props.percent) {
            yAxis.max = 100;
        } else {
            yAxis.ticks = {precision: 0};
        }
        this.chart = new Chart(this.canvas.el, {
            type,
            data: {labels: this.props.labels, datasets},
            options: {
                maintainAspectRatio: false,
                animation: false,
                plugins: {legend: {position: "bottom"}},
                scales: {x: {stacked: Boolean(this.props.stacked)}, y: yAxis},
            },
        });
    }
}
