from . import cs_ticket_dispatch
