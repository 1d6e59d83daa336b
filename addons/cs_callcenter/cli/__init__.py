from . import pbx_listener
