from . import cs_move_wizard
from . import cs_late_fee_charge
