from . import test_security
from . import test_tour
from . import test_phone
from . import test_partner_phone
from . import test_lookup
from . import test_call_events
from . import test_pbx_server
from . import test_callback
