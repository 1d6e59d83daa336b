/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* A customer answers the CSAT survey from the link of the invitation e-mail:
 * dissatisfied (2), with a comment. The URL is given by the test. */
registry.category("web_tour.tours").add("cs_survey_customer_answers_csat", {
    steps: () => [
        {
            content: "Start the survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "Choose 2 on the satisfaction scale",
            trigger:
                'div.js_question-wrapper:contains("How satisfied") label:contains("2")',
            run: "click",
        },
        {
            content: "Say why",
            trigger: 'div.js_question-wrapper:contains("Anything you would like") textarea',
            run: "edit The technician never came back.",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Thanked",
            trigger: 'h1:contains("Thank you")',
        },
    ],
});

/* An agent asks the satisfaction survey by phone from a callback task and
 * records the customer's answers (satisfied: 5). */
registry.category("web_tour.tours").add("cs_survey_agent_phone_survey", {
    steps: () => [
        {
            content: "Open the phone survey from the callback",
            trigger: 'button[name="action_cs_survey_interview"]',
            run: "click",
        },
        {
            content: "Start the survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        {
            content: "Record the customer's 5",
            trigger:
                'div.js_question-wrapper:contains("How satisfied") label:contains("5")',
            run: "click",
        },
        {
            content: "Record what they said",
            trigger: 'div.js_question-wrapper:contains("Anything you would like") textarea',
            run: "edit Very quick repair, thank you.",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Answers recorded",
            trigger: 'h1:contains("Thank you")',
        },
    ],
});
