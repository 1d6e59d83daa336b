from . import test_security
from . import test_fee_reminder_purpose
