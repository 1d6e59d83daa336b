from . import cs_qa_sample
