from . import res_partner
from . import res_users
from . import cs_pbx_server
from . import cs_call
from . import cs_call_agent_report
from . import cs_api
