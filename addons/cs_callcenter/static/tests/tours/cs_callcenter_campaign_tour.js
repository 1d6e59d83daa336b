/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// Count the downloads on <body> (data-cs-downloads, data-cs-last-download),
// so a step can wait for one; the file is still fetched from the server.
function recordDownloads() {
    const {download} = odoo.loader.modules.get("@web/core/network/download");
    const original = download._download;
    download._download = async (options) => {
        await original(options);
        const body = document.body;
        body.dataset.csDownloads = String(Number(body.dataset.csDownloads || 0) + 1);
        body.dataset.csLastDownload = JSON.parse(options.data.data)[0];
    };
}

function downloaded(count, reportName) {
    return {
        content: `${reportName} is downloaded, with no dialog (document layout) first`,
        trigger: `body[data-cs-downloads='${count}']:not(:has(.modal))`,
        run() {
            const url = document.body.dataset.csLastDownload;
            if (!url.startsWith(`/report/xlsx/${reportName}/`)) {
                throw new Error(`unexpected download ${url}`);
            }
        },
    };
}

const openCampaign = [
    {
        content: "Record the downloads",
        trigger: ".o_main_navbar",
        run: recordDownloads,
    },
    {
        content: "Open the application menu",
        trigger: ".o_navbar_apps_menu button",
        run: "click",
    },
    {
        trigger: ".o_app[data-menu-xmlid='cs_callcenter.menu_root']",
        run: "click",
    },
    {
        trigger: ".o_menu_sections [data-menu-xmlid='cs_callcenter.menu_callbacks']",
        run: "click",
    },
    {
        content: "Callbacks › Campaigns",
        trigger: ".dropdown-item[data-menu-xmlid='cs_callcenter.cs_callback_campaign_menu']",
        run: "click",
    },
    {
        content: "The campaign list is shown",
        trigger: ".o_list_view .o_data_row td:contains(Tour Lift Repairs)",
        run: "click",
    },
    {
        content: "The campaign form is shown",
        trigger: ".o_form_view .o_breadcrumb .active:contains(Tour Lift Repairs)",
    },
    {
        content: "with its default timezone",
        trigger: ".o_notebook .nav-link:contains(Rules)",
        run: "click",
    },
    {
        trigger: ".o_field_widget[name=tz] select",
    },
];

// A supervisor opens the campaigns, one campaign, and prints its two
// 回访 registers from the form: the buttons, then the print menu.
registry.category("web_tour.tours").add("cs_callcenter_campaign_reports", {
    url: "/odoo",
    steps: () => [
        ...openCampaign,
        {
            content: "Print 《回访记录表》",
            trigger: ".o_form_view button[name=action_print_record]",
            run: "click",
        },
        downloaded(1, "cs_callcenter.callback_record_xlsx"),
        {
            content: "Print 《回访总结报告》",
            trigger: ".o_form_view button[name=action_print_summary]",
            run: "click",
        },
        downloaded(2, "cs_callcenter.callback_summary_xlsx"),
        {
            content: "The same from the print menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-toggle:contains(Print)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_menu_item:contains(Callback Summary Report)",
            run: "click",
        },
        downloaded(3, "cs_callcenter.callback_summary_xlsx"),
    ],
});

// The first Excel export of a fresh browser session, from a form, by an
// administrator whose company has no document layout yet: no layout dialog,
// and a report that closes the dialog it came from is handled too.
registry.category("web_tour.tours").add("cs_callcenter_first_xlsx_export", {
    url: "/odoo",
    steps: () => [
        ...openCampaign,
        {
            content: "Export 《回访记录表》 from the form",
            trigger: ".o_form_view button[name=action_print_record]",
            run: "click",
        },
        downloaded(1, "cs_callcenter.callback_record_xlsx"),
        {
            content: "An Excel report that closes the wizard it came from",
            trigger: ".o_form_view .o_breadcrumb .active:contains(Tour Lift Repairs)",
            async run() {
                const env = odoo.__WOWL_DEBUG__.root.env;
                const [campaign] = await env.services.orm.search(
                    "cs.callback.campaign",
                    [["name", "=", "Tour Lift Repairs"]]
                );
                await env.services.action.doAction({
                    type: "ir.actions.report",
                    report_type: "xlsx",
                    report_name: "cs_callcenter.callback_summary_xlsx",
                    report_file: "callback_summary",
                    context: {active_ids: [campaign]},
                    close_on_report_download: true,
                });
            },
        },
        downloaded(2, "cs_callcenter.callback_summary_xlsx"),
    ],
});
