from . import test_security
from . import test_tools
from . import test_register
from . import test_meters
from . import test_billing
from . import test_statement
from . import test_waiver
from . import test_record_rules
