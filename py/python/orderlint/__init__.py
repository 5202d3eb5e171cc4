"""orderlint: the Veeqo and FeedAMP payload checker, for Python.

The same rule engine as the ``orderlint`` CLI and npm module, compiled into this package:

>>> import orderlint
>>> report = orderlint.validate("feedamp.order", '{"mp_order_number": "1"}')
>>> report["valid"]
False
>>> report["issues"][0]["code"]
'feedamp.order.sales_channel.required'

Reports are plain dicts and lists, shaped as the npm module's objects. Misuse raises
``ValueError`` (an unknown kind, text that is not JSON) or ``TypeError`` (a payload of
the wrong type). The engine releases the interpreter lock while it runs, so threads
validating side by side use every core.
"""

from ._orderlint import detect, explain, fix, kinds, schema, validate, validate_many
from .arrow import validate_arrow

__all__ = [
    "detect",
    "explain",
    "fix",
    "kinds",
    "schema",
    "validate",
    "validate_many",
    "validate_arrow",
]
