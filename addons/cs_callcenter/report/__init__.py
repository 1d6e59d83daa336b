from . import cs_xlsx_table
from . import callback_record_xlsx
from . import callback_summary_xlsx
from . import qa_agent_xlsx
