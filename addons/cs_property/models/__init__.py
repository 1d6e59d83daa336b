from . import cs_callback_campaign
