from . import cs_arrears_xlsx
from . import cs_collection_xlsx
