from . import cs_survey_statistics_export
