from . import survey_question
from . import survey_survey
from . import survey_user_input
from . import cs_survey_rule
from . import cs_survey_invitation
from . import cs_survey_periodic_run

# helpdesk_ticket before the report: its SQL view reads the ticket's
# cs_survey_response_id column, which must exist when the view is made
from . import helpdesk_ticket
from . import cs_survey_report
from . import cs_callback_task
from . import cs_callback_campaign
from . import res_partner
from . import res_company
from . import cs_sla_policy
from . import cs_api
from . import cs_helpdesk_dashboard
from . import cs_quiz_assignment
from . import res_users
from . import cs_call
from . import document_page
