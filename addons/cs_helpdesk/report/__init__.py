from . import cs_xlsx_table
from . import complaint_register_xlsx
