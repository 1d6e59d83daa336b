"""cs.api.survey_results over XML-RPC on a real Odoo HTTP server, as a
partner system calls it: the exact keys and shapes, aggregates only, bad
filters named, and the responses themselves out of the integration user's
reach."""

import time
import xmlrpc.client
from datetime import datetime

import pytest

PASSWORD = "Integration-pw-1"
ANSWERED_ON = datetime(2025, 1, 15, 10, 0)


@pytest.fixture(scope="module")
def survey_rpc(odoo_url, test_db, committed):
    tag = time.time_ns()
    with committed() as env:
        team = env["helpdesk.ticket.team"].create({"name": f"RPC team {tag}"})
        customer = env["res.partner"].create(
            {"name": f"RPC customer {tag}", "email": f"rpc{tag}@example.com"}
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Door bell",
                "description": "<p>Broken</p>",
                "partner_id": customer.id,
                "team_id": team.id,
            }
        )
        Invitation = env["cs.survey.invitation"]
        for n, (xmlid, score) in enumerate(
            [
                ("survey_csat", 5),
                ("survey_csat", 2),
                ("survey_nps", 9),
                ("survey_ces", 6),
            ]
        ):
            survey = env.ref(f"cs_survey.{xmlid}")
            invitation = Invitation._cs_schedule(
                [
                    {
                        "key": f"rpc:{tag}:{n}",
                        "survey": survey,
                        "partner": customer,
                        "channel": "sms",
                        "scheduled_date": ANSWERED_ON,
                        "throttle_days": 0,
                        "about": ticket,
                    }
                ]
            )
            invitation._cs_send()
            answer = invitation.user_input_id
            answer._save_lines(survey._cs_scored_question(), str(score))
            answer._mark_done()
            answer.end_datetime = ANSWERED_ON
        integration = env["res.users"].create(
            {
                "name": f"Survey partner system {tag}",
                "login": f"survey_integration{tag}",
                "password": PASSWORD,
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_portal").id,
                            env.ref("cs_callcenter.group_integration").id,
                        ],
                    )
                ],
            }
        )
        ids = {"team": team.id, "login": integration.login, "customer": customer.name}
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args):
        uid = common.authenticate(test_db, ids["login"], PASSWORD, {})
        assert uid, "cannot log in"
        return models.execute_kw(test_db, uid, PASSWORD, model, method, list(args))

    ids["call"] = call
    return ids


def test_survey_results_shape_and_figures(survey_rpc):
    result = survey_rpc["call"](
        "cs.api",
        "survey_results",
        {
            "date_from": "2025-01-01",
            "date_to": "2025-01-31",
            "team_id": survey_rpc["team"],
            "group_by": "month",
        },
    )
    figures = {
        "invited": 4,
        "answered": 4,
        "response_rate": 100.0,
        "csat": {"n": 2, "score": 50.0},
        "nps": {"n": 1, "score": 100.0, "promoters": 1, "passives": 0, "detractors": 0},
        "ces": {"n": 1, "score": 6.0},
        # the CSAT 2 opened a follow-up, not answered yet
        "followups": {"open": 1, "closed": 0, "median_hours": 0.0},
    }
    assert result == {
        **figures,
        "groups": [{"key": "2025-01", "label": "2025-01", **figures}],
    }
    assert survey_rpc["customer"] not in repr(result)


def test_bad_filter_is_named(survey_rpc):
    with pytest.raises(xmlrpc.client.Fault) as error:
        survey_rpc["call"]("cs.api", "survey_results", {"colour": "red"})
    assert "colour" in error.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as error:
        survey_rpc["call"]("cs.api", "survey_results", {"group_by": "customer"})
    assert "group_by" in error.value.faultString


def test_integration_cannot_read_responses(survey_rpc):
    for model in ("survey.user_input", "cs.survey.report", "cs.survey.invitation"):
        with pytest.raises(xmlrpc.client.Fault) as error:
            survey_rpc["call"](model, "search_read", [], ["id"])
        assert "AccessError" in error.value.faultString or "not allowed" in (
            error.value.faultString
        )
