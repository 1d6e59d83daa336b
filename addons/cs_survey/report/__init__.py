from . import survey_statistics_xlsx
