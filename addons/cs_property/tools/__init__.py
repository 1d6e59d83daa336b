from . import amount_words, fees
