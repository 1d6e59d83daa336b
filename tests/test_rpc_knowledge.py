"""The knowledge base over XML-RPC on a real Odoo HTTP server: what agents,
partner systems (integration) and portal users reach, bad input included."""

import time
import xmlrpc.client

import pytest

PASSWORD = "Knowledge-pw-1"


@pytest.fixture(scope="module")
def kb(xmlrpc_caller, committed):
    tag = str(time.time_ns())
    with committed() as env:
        vals = {"draft_name": "1.0", "draft_summary": "初版", "cs_keywords": tag}
        Page = env["document.page"]
        public = Page.create(
            {
                **vals,
                "name": f"氢能车棚充电说明 {tag}",
                "content": "<p>在<b>服务中心</b>登记后使用。</p>",
                "cs_state": "approved",
            }
        )
        internal = Page.create(
            {
                **vals,
                "name": f"氢能车棚内部流程 {tag}",
                "content": "<p>内部</p>",
                "cs_state": "approved",
                "cs_public": False,
            }
        )
        draft = Page.create(
            {**vals, "name": f"氢能车棚草稿 {tag}", "content": "<p>草稿</p>"}
        )

        def user(role, groups):
            return (
                env["res.users"]
                .create(
                    {
                        "name": f"{role} {tag}",
                        "login": f"kb-{role}-{tag}",
                        "password": PASSWORD,
                        "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                    }
                )
                .login
            )

        ids = {
            "tag": tag,
            "public": public.id,
            "internal": internal.id,
            "draft": draft.id,
            "agent": user("agent", ["cs_callcenter.group_agent"]),
            "integration": user(
                "integration", ["base.group_portal", "cs_callcenter.group_integration"]
            ),
            "portal": user("portal", ["base.group_portal"]),
        }
    ids["call"] = xmlrpc_caller(PASSWORD)
    yield ids
    with committed() as env:
        env["document.page"].browse(
            [ids["public"], ids["internal"], ids["draft"]]
        ).unlink()


@pytest.mark.parametrize("role", ["agent", "integration", "portal"])
def test_search_knowledge_returns_public_approved_articles(kb, role):
    result = kb["call"](kb[role], "cs.api", "search_knowledge", f"氢能车棚 {kb['tag']}")
    assert [r["id"] for r in result] == [kb["public"]]
    assert result[0]["title"] == f"氢能车棚充电说明 {kb['tag']}"
    assert result[0]["answer_text"] == "在*服务中心*登记后使用。"
    assert isinstance(result[0]["score"], float) and result[0]["score"] > 0


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ([""], {}, "query must be a non-empty string"),
        ([42], {}, "query must be a non-empty string"),
        (["门" * 201], {}, "query is longer than 200"),
        (["停车"], {"limit": 0}, "limit must be an integer from 1 to 20"),
        (["停车"], {"limit": "3"}, "limit must be an integer from 1 to 20"),
    ],
)
def test_search_knowledge_bad_input(kb, args, kwargs, message):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        kb["call"](kb["integration"], "cs.api", "search_knowledge", *args, **kwargs)
    assert message in fault.value.faultString


def test_articles_themselves_stay_closed(kb):
    """Outside the API, portal and integration users read no article; agents
    read approved ones only and change none."""
    for role in ("integration", "portal"):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            kb["call"](kb[role], "document.page", "read", [kb["public"]], ["name"])
        assert "AccessError" in fault.value.faultString or "access" in (
            fault.value.faultString.lower()
        )
    found = kb["call"](
        kb["agent"],
        "document.page",
        "search",
        [("cs_keywords", "=", kb["tag"])],
    )
    assert sorted(found) == sorted([kb["public"], kb["internal"]])
    for method, args in [
        ("write", [[kb["public"]], {"cs_state": "retired"}]),
        ("action_cs_approve", [[kb["draft"]]]),
        ("write", [[kb["public"]], {"cs_script": "改"}]),
    ]:
        with pytest.raises(xmlrpc.client.Fault):
            kb["call"](kb["agent"], "document.page", method, *args)
