from . import cs_ticket_dispatch
from . import cs_complaint_register
