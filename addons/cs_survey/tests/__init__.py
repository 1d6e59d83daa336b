from . import test_security
from . import test_survey_math
from . import test_invitation
from . import test_closed_loop
from . import test_results
from . import test_xlsx
from . import test_periodic
from . import test_tour
