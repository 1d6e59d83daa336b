from . import res_config_settings
from . import reformat_all_phonenumbers
from . import number_not_found
