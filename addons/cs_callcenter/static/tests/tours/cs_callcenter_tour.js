/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cs_callcenter_agent_opens_app", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the application menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Customer Service app",
            trigger: ".o_app[data-menu-xmlid='cs_callcenter.menu_root']",
            run: "click",
        },
        {
            content: "The app is open",
            trigger: ".o_menu_brand:contains(Customer Service)",
        },
        {
            content: "with its Customers menu",
            trigger: ".o_menu_sections [data-menu-xmlid='cs_callcenter.menu_customers']",
        },
        {
            content: "An agent has no Configuration menu",
            trigger:
                ".o_main_navbar:not(:has([data-menu-xmlid='cs_callcenter.menu_configuration']))",
        },
        {
            content: "Open the Customers menu",
            trigger: ".o_menu_sections [data-menu-xmlid='cs_callcenter.menu_customers']",
            run: "click",
        },
        {
            content: "and its Customers entry",
            trigger: ".dropdown-item[data-menu-xmlid='cs_callcenter.res_partner_menu_customers']",
            run: "click",
        },
        {
            content: "The customers view is loaded",
            trigger: ".o_breadcrumb:contains(Customers)",
        },
        {
            trigger: ".o_action_manager .o_kanban_view .o_kanban_record",
        },
    ],
});
