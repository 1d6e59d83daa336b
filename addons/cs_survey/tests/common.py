# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the survey tests: a team led by the supervisor with an
agent (CsRolesCase's role users), customers, tickets closed at given times,
and responses answered as the customer would (the survey's own
``_save_lines`` and ``_mark_done``)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.cs_callcenter.tests.common import CsRolesCase

T0 = datetime(2026, 3, 2, 9, 0, 0)  # a Monday, UTC


class CsSurveyCase(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        # the ticket notifications the tests cause need a sender
        cls.env.ref("base.partner_root").email = "odoobot@example.com"
        cls.env.company.email = "service@example.com"
        # the role users are CsRolesCase's; the supervisor leads Repairs. The
        # record rules compare two agents' work, and CsRolesCase has one
        # user per role: the second agent is the only user made here.
        cls.agent2 = new_test_user(
            cls.env,
            login="cs_agent_two",
            name="Agent Two",
            groups="cs_callcenter.group_agent",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Repairs",
                "user_id": cls.supervisor.id,
                "user_ids": [(6, 0, [cls.agent.id, cls.supervisor.id])],
            }
        )
        cls.other_team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Billing", "user_ids": [(6, 0, [cls.agent2.id])]}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "wang.fang@example.com",
                "phone": "13900001111",
            }
        )
        cls.customer2 = cls.env["res.partner"].create(
            {"name": "Li Lei", "email": "li.lei@example.com", "phone": "13900002222"}
        )
        cls.done_stage = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.new_stage = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.rule = cls.env.ref("cs_survey.cs_survey_rule_ticket_closed")
        cls.csat = cls.env.ref("cs_survey.survey_csat")
        cls.nps = cls.env.ref("cs_survey.survey_nps")
        cls.ces = cls.env.ref("cs_survey.survey_ces")
        cls.Invitation = cls.env["cs.survey.invitation"]

    def _ticket(self, partner=None, team=None, user=None, kind="inquiry", when=None):
        with freeze_time(when or T0):
            return self.env["helpdesk.ticket"].create(
                {
                    "name": "Leaking pipe",
                    "description": "<p>Water in the kitchen</p>",
                    "partner_id": (partner or self.customer).id,
                    "team_id": (team or self.team).id,
                    "user_id": (user or self.agent).id,
                    "cs_kind": kind,
                }
            )

    def _close(self, ticket, when):
        with freeze_time(when):
            ticket.stage_id = self.done_stage
        return ticket.cs_survey_invitation_ids.sorted("id")[-1:]

    def _send(self, invitations, when):
        with freeze_time(when):
            invitations._cs_send()
        return invitations.user_input_id

    def _answer(self, answer, score, comment=None, when=None):
        """Answer ``answer`` as the customer: the score, then the comment."""
        survey = answer.survey_id
        scored = survey._cs_scored_question()
        with freeze_time(when or answer.create_date):
            answer._save_lines(scored, str(score))
            if comment:
                text = survey.question_ids.filtered(
                    lambda q: q.question_type == "text_box"
                )[:1]
                answer._save_lines(text, comment)
            answer._mark_done()
        return answer

    def _response(
        self, survey, score, comment=None, about=None, partner=None, when=None
    ):
        """A response sent and answered at ``when`` about ``about``."""
        when = when or T0
        whom = (about or partner or self.customer).id
        key = f"test:{survey.id}:{score}:{when.isoformat()}:{whom}"
        invitation = self.Invitation._cs_schedule(
            [
                {
                    "key": key,
                    "survey": survey,
                    "partner": partner
                    or (about.partner_id if about else self.customer),
                    "channel": "sms",
                    "scheduled_date": when,
                    "throttle_days": 0,
                    "about": about,
                    "trigger": "periodic",
                }
            ]
        )
        self.assertEqual(invitation.state, "scheduled", invitation.skip_reason)
        answer = self._send(invitation, when)
        return self._answer(answer, score, comment, when)

    def _some_answers(self):
        """Repairs (agent): CSAT 5, 4, 2, 3 and NPS 10, 9, 7, 3; Billing
        (agent2): CSAT 1, CES 6, 3; one CSAT invitation never answered."""
        mine = self._ticket(user=self.agent)
        theirs = self._ticket(team=self.other_team, user=self.agent2)
        march = T0
        april = T0 + timedelta(days=31)
        for survey, score, ticket, when in [
            (self.csat, 5, mine, march),
            (self.csat, 4, mine, march),
            (self.csat, 2, mine, april),
            (self.csat, 3, mine, april),
            (self.nps, 10, mine, march),
            (self.nps, 9, mine, march),
            (self.nps, 7, mine, april),
            (self.nps, 3, mine, april),
            (self.csat, 1, theirs, march),
            (self.ces, 6, theirs, march),
            (self.ces, 3, theirs, april),
        ]:
            self._response(survey, score, about=ticket, when=when)
        unanswered = self.Invitation._cs_schedule(
            [
                {
                    "key": "unanswered",
                    "survey": self.csat,
                    "partner": self.customer2,
                    "channel": "sms",
                    "scheduled_date": march,
                    "throttle_days": 0,
                    "about": mine,
                }
            ]
        )
        self._send(unanswered, march)
        return mine, theirs
