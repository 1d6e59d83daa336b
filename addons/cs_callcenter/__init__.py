from . import cli
from . import models
from . import report
from . import wizards
from .hooks import pre_init_hook, post_init_hook
