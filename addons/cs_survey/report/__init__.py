from . import survey_statistics_xlsx
from . import qa_agent_xlsx
