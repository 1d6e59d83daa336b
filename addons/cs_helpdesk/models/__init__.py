from . import cs_forbidden_phrase
from . import cs_ticket_step
from . import cs_ticket_remedy
from . import helpdesk_ticket
from . import cs_call
from . import cs_api
