from . import controllers
from . import models
from . import report
from . import wizards


def uninstall_hook(env):
    """Give helpdesk_mgmt back its rule for staff following tickets, which
    cs_helpdesk replaced by one that leaves complaints out, and its app menu."""
    rule = env.ref(
        "helpdesk_mgmt.helpdesk_ticket_rule_internal_user", raise_if_not_found=False
    )
    if rule:
        rule.active = True
    # helpdesk_mgmt's app menu, archived while its screens live in ours
    menu = env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu", raise_if_not_found=False)
    if menu:
        menu.active = True
