"""Schemathesis auth for the Veeqo run of scripts/test-contract (loaded through
SCHEMATHESIS_HOOKS): a new `x-api-key` on every request.

The Veeqo sandbox limits each key as Veeqo does (5 requests a second, a bucket of 100, then
429), so a run with one key would see 429 after its first hundred requests and reach no
handler again. Every key shares the one simulated account, so a key per request keeps the
data and lifts the limit; the sandbox's own tests cover the 429.
"""

import itertools

import schemathesis

_serial = itertools.count(1)


@schemathesis.auth(refresh_interval=None)
class FreshKey:
    def get(self, case, context):
        return f"contract-key-{next(_serial)}"

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "x-api-key": data}
