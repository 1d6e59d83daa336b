# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SMS channel of the collection levels (催缴提醒 by 短信): the level's
text queued as sms.sms to the payer's mobile, a proof of notice for every
line, a failed proof when the payer has no valid mobile."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .test_collection import CollectionCase


@tagged("post_install", "-at_install")
class TestCollectionSms(CollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reminder = cls.env.ref("cs_property.cs_collection_level_reminder")
        cls.reminder.channel = "sms"
        # 王芳 gave a landline only: no text message can reach her
        cls.owner_3.mobile = "021-6123 4567"

    def _sms(self, number):
        return self.env["sms.sms"].search([("number", "=", number)])

    def test_reminder_by_sms(self):
        # the run of 02-16 generates the reminders, sent today
        run = self._crun(self.inv_1.invoice_date_due + timedelta(days=16))
        lines = self._live(level=1)
        self.assertEqual(set(lines.mapped("channel")), {"sms"})
        self.assertEqual(len(lines), 4)
        lines.with_user(self.fee_officer).write({"state": "to_be_sent"})
        run.with_user(self.fee_officer).run_channel_action()

        # 张伟 pays for A-1-1201 and the parking space P-001: one text
        zhang = self._sms("+8613812345678")
        self.assertEqual(len(zhang), 1)
        self.assertEqual(zhang.state, "outgoing")
        self.assertEqual(zhang.partner_id, self.owner_1)
        self.assertIn("尊敬的业主：您的物业服务费已逾期未缴", zhang.body)
        self.assertIn("A-1-1201, P-001", zhang.body)
        due = self.inv_1.amount_residual + self.inv_p.amount_residual
        self.assertIn(f"{due:,.2f}", zhang.body)
        self.assertEqual(len(self._sms("+8613911112222")), 1)

        # the proof of notice of each line holds the text sent
        for invoice in (self.inv_1, self.inv_p):
            proof = invoice.cs_notice_ids
            self.assertEqual(len(proof), 1)
            self.assertEqual(
                (proof.channel, proof.result, proof.date),
                ("sms", "delivered", self.today),
            )
            self.assertEqual(proof.content, zhang.body)
        self.assertEqual(
            self._live(invoice_id=self.inv_1.id).state, "sent", "line done"
        )

        # no valid mobile: the line fails, its proof says why, nothing queued
        wang = self._live(invoice_id=self.inv_3.id)
        self.assertEqual(wang.state, "error")
        proof = self.inv_3.cs_notice_ids
        self.assertEqual((proof.channel, proof.result), ("sms", "failed"))
        self.assertIn("no valid mobile number", proof.content)
        self.assertIn(
            "no valid mobile number", wang.communication_id.message_ids[0].body
        )
        self.assertFalse(
            self.env["sms.sms"].search([("partner_id", "=", self.owner_3.id)])
        )
        # a failed notice does not restart the limitation period
        self.assertEqual(
            self.inv_3.cs_limitation_date,
            self.inv_3.invoice_date_due + relativedelta(years=3),
        )

        # the lines were sent: a second action sends nothing again
        run.with_user(self.fee_officer).run_channel_action()
        self.assertEqual(len(self._sms("+8613812345678")), 1)

    def test_text_in_the_chatter_of_the_communication(self):
        day = self.inv_1.invoice_date_due + timedelta(days=16)
        self._crun(day)
        lines = self._live(level=1, invoice_id=self.inv_2.id)
        lines.write({"state": "to_be_sent"})
        queued = lines._cs_send_sms()
        self.assertEqual(queued.number, "+8613911112222")
        message = lines.communication_id.message_ids.filtered(
            lambda m: m.message_type == "sms"
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.notification_ids.sms_number, "+8613911112222")

    def test_valid_mobile_only(self):
        """A text needs a mobile number: read in the partner's country."""
        china = self.env.ref("base.cn")
        table = [
            ("+86 138 1234 5678", False, "+8613812345678"),
            ("138 1234 5678", china, "+8613812345678"),
            ("021-6123 4567", china, False),
            ("not a number", china, False),
            (False, china, False),
        ]
        for mobile, country, expected in table:
            with self.subTest(mobile=mobile):
                partner = self.env["res.partner"].create(
                    {
                        "name": "业主",
                        "mobile": mobile,
                        "country_id": country and country.id,
                    }
                )
                self.assertEqual(partner._cs_sms_mobile(), expected)
