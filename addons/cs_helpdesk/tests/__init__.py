from . import test_security
from . import test_ticket
from . import test_api
from . import test_complaint
from . import test_forbidden_phrase
from . import test_dispatch
from . import test_kpi
from . import test_portal
