from . import cs_survey_statistics_export
from . import cs_quiz_assign
