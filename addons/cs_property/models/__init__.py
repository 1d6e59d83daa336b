from . import cs_callback_campaign
from . import cs_unit_type
from . import cs_estate
from . import cs_building
from . import cs_unit
from . import cs_unit_occupancy
from . import cs_fee_item
from . import cs_meter
from . import cs_charge
from . import cs_billing_run
from . import cs_unit_statement
from . import cs_waiver
from . import account_move
from . import account_payment
from . import res_partner
from . import helpdesk_ticket
from . import cs_api
from . import cs_call
from . import cs_property_demo

# late fees and arrears reports (issue 14 §5, §8)
from . import cs_late_fee_policy
from . import account_move_late_fee
from . import cs_arrears_report
from . import cs_collection_report
from . import cs_helpdesk_dashboard
from . import cs_survey_invitation
from . import survey_user_input
