/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// Issue 15 §9: the screens a Chinese service centre uses every day, in
// zh_CN, with Chinese labels on screen.

// An agent logs in and lands on their queue (我的工作台), then opens a ticket.
registry.category("web_tour.tours").add("cs_zh_agent_home", {
    steps: () => [
        {
            content: "The agent lands on their home",
            trigger: ".o_cs_agent_home",
        },
        {
            trigger: ".o_breadcrumb:contains(我的工作台)",
        },
        {
            content: "Their open tickets, in Chinese",
            trigger: ".o_cs_home_tickets h5:contains(我的未结工单)",
        },
        {
            content: "Their callbacks: none today",
            trigger: ".o_cs_home_callbacks h5:contains(我的回访)",
        },
        {
            trigger: ".o_cs_home_callbacks:contains(这里没有待办事项)",
        },
        {
            trigger: ".o_cs_home_tickets .o_cs_home_open_all:contains(查看全部)",
        },
        {
            content: "Open the ticket of the queue",
            trigger: ".o_cs_home_tickets .o_cs_home_row:contains(电梯夜间噪音)",
            run: "click",
        },
        {
            content: "The ticket's first tab is its description",
            trigger: ".o_form_view .o_notebook_headers .nav-item:first-child .nav-link:contains(描述)",
        },
    ],
});

// An agent registers a complaint: one text, one status bar, a first save
// that works and a breadcrumb that names the ticket.
registry.category("web_tour.tours").add("cs_zh_complaint_form", {
    steps: () => [
        {
            content: "A new ticket is called 新建, not '/ - False'",
            trigger: ".o_form_view .o_breadcrumb .active:contains(新建):not(:contains(False))",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] input",
            run: "edit 电梯夜间噪音",
        },
        {
            content: "A complaint",
            trigger: ".o_field_widget[name=cs_kind] select",
            run: 'select "complaint"',
        },
        {
            content: "One status bar: the complaint's step, in Chinese",
            trigger: ".o_form_statusbar .o_field_widget[name=cs_step] .o_arrow_button_current:contains(受理)",
        },
        {
            trigger: ".o_form_statusbar:not(:has(.o_field_widget[name=stage_id]))",
        },
        {
            content: "The description is the first tab",
            trigger: ".o_notebook_headers .nav-item:first-child .nav-link:contains(描述)",
        },
        {
            content: "The customer's request",
            trigger: ".o_field_widget[name=description] .odoo-editor-editable",
            run: "editor 业主反映每晚电梯异响",
        },
        {
            content: "First save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the breadcrumb names the ticket by number and subject",
            trigger: ".o_form_view .o_breadcrumb .active:contains(HT):contains(电梯夜间噪音)",
        },
        {
            content: "The complaint tab, in Chinese",
            trigger: ".o_notebook_headers .nav-link:contains(投诉)",
            run: "click",
        },
        {
            trigger: ".o_form_view label:contains(责任部门)",
        },
    ],
});

// A supervisor lands on the dashboard (their home) and reads its charts.
registry.category("web_tour.tours").add("cs_zh_dashboard", {
    steps: () => [
        {
            content: "The supervisor lands on the dashboard",
            trigger: ".o_cs_kpi_dashboard .o_cs_kpi_backlog:contains(未结积压)",
        },
        {
            content: "Tickets by day and SLA status",
            trigger: ".o_cs_kpi_charts h5:contains(按SLA状态统计的登记工单)",
        },
        {
            trigger: ".o_cs_chart_tickets canvas",
        },
        {
            content: "Callbacks coverage",
            trigger: ".o_cs_kpi_charts h5:contains(到期回访、按时拨打与按时接通)",
        },
        {
            trigger: ".o_cs_chart_callbacks canvas",
        },
        {
            content: "By week over 90 days (天)",
            trigger: ".o_cs_dashboard_periods button:contains(90 天)",
            run: "click",
        },
        {
            trigger: ".o_cs_dashboard_periods button.btn-primary:contains(90)",
        },
        {
            trigger: ".o_cs_chart_tickets canvas",
        },
    ],
});
