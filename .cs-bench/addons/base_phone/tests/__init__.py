from . import test_base_phone
