from . import cs_move_wizard
