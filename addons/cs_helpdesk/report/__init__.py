from . import complaint_register_xlsx
from . import complaint_classification_xlsx
from . import kpi_xlsx
from . import knowledge_usage_xlsx
