/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// A supervisor walks a complaint from 受理 to 结案 in the ticket form.
registry.category("web_tour.tours").add("cs_helpdesk_complaint_loop", {
    steps: () => [
        {
            content: "The complaint is registered",
            trigger: ".o_field_widget[name=cs_step] .o_arrow_button_current[data-value=register]",
        },
        {
            content: "Open the complaint page",
            trigger: "a[name=cs_complaint]",
            run: "click",
        },
        {
            content: "Choose the responsible department",
            trigger: ".o_field_widget[name=cs_department_id] input",
            run: "edit Tour Engineering",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Engineering)",
            run: "click",
        },
        {
            content: "Founded",
            trigger: "button[name=action_cs_founded]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cs_step] .o_arrow_button_current[data-value=investigate]",
        },
        {
            content: "Responsible person",
            trigger: ".o_field_widget[name=cs_responsible_id] input",
            run: "edit Tour Supervisor",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Supervisor)",
            run: "click",
        },
        {
            content: "Cause category",
            trigger: ".o_field_widget[name=cs_cause] select",
            run: 'select "facilities"',
        },
        {
            content: "Root cause",
            trigger: ".o_field_widget[name=cs_root_cause] textarea",
            run: "edit Worn pulley",
        },
        {
            content: "Investigation done",
            trigger: "button[name=action_cs_investigated]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cs_step] .o_arrow_button_current[data-value=remedy]",
        },
        {
            content: "Propose a remedy",
            trigger: ".o_field_widget[name=cs_remedy_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cs_remedy_ids] .o_data_row [name=name] textarea",
            run: "edit Replace the pulley",
        },
        {
            content: "Save the ticket",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Wait until it is saved",
            trigger: ".o_form_saved .o_field_widget[name=cs_remedy_ids] .o_data_row:not(.o_selected_row)",
        },
        {
            content: "Approve the remedy",
            trigger:
                ".o_form_saved .o_field_widget[name=cs_remedy_ids] .o_data_row:not(.o_selected_row) button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cs_step] .o_arrow_button_current[data-value=implement]",
        },
        {
            content: "What was done",
            trigger: ".o_field_widget[name=cs_actions_taken] textarea",
            run: "edit Pulley replaced",
        },
        {
            content: "Remedy carried out",
            trigger: "button[name=action_cs_implemented]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=cs_step] .o_arrow_button_current[data-value=confirm]",
        },
        {
            content: "The customer confirmed by phone",
            trigger: ".o_field_widget[name=cs_confirmation] select",
            run: 'select "phone"',
        },
        {
            content: "Customer confirmed",
            trigger: "button[name=action_cs_confirmed]",
            run: "click",
        },
        {
            content: "The complaint is closed",
            trigger: ".o_field_widget[name=cs_step] .o_arrow_button_current[data-value=closed]",
        },
    ],
});
