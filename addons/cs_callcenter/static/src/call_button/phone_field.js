/** @odoo-module **/
/* Copyright 2026 Customer Service Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {PhoneField} from "@web/views/fields/phone/phone_field";
import {CsCallButton} from "./call_button";
import {patch} from "@web/core/utils/patch";

// Every phone field of the web client (lists, kanbans, forms) gets the
// click-to-call button; the button shows itself to agents only.
patch(PhoneField, {
    components: {...PhoneField.components, CsCallButton},
});
