"""Schemathesis hooks for scripts/test-contract (loaded through SCHEMATHESIS_HOOKS; the script
sets CONTRACT_API to the API of the run and ORDERLINT_BIN to the CLI).

Every sample a kind's row names is an explicit example of its endpoint's operation, sent in
Schemathesis's examples phase as orderlint's client sends it (filled from samples.json), so
that requests the rules accept reach the sandbox and its success answers are checked too,
where generated bodies mostly break a rule and get a 4xx. With CONTRACT_SEEDED=1 (a sandbox
started with --seed) the samples name the seeded channel, sellable and store listing
(samples.json's `sandbox_seed`, the README's ids); with CONTRACT_CLIENT="ID SECRET", the
sandbox's OAuth client, so the authorize page and the token request pass the client check.

`Accept: application/vnd.api+json` goes with a JSON:API body (the store listings), as the
client sends it: the sandbox, as Veeqo, answers 415 without it, and OpenAPI ignores an
`Accept` header parameter, so the document cannot ask for it.
"""

import json
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import schemathesis

API = os.environ.get("CONTRACT_API", "")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
JSON_API = "application/vnd.api+json"
FORM = "application/x-www-form-urlencoded"
_data = json.loads((HERE / "samples.json").read_text())
if os.environ.get("CONTRACT_SEEDED") == "1":
    _data["vars"].update(_data["sandbox_seed"])
if os.environ.get("CONTRACT_CLIENT"):
    _id, _secret = os.environ["CONTRACT_CLIENT"].split()
    _data["vars"].update(client_id=_id, client_secret=_secret)


def fill(text):
    return re.sub(r"\{\{(\w+)\}\}", lambda m: _data["vars"].get(m.group(1), "undefined"), text)


PATH_IDS = {k: fill(v) for k, v in _data["path_ids"].items()}
_TABLE = json.loads(
    subprocess.run(
        [os.environ.get("ORDERLINT_BIN", str(ROOT / "target/release/orderlint")), "kinds", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
)


def _scalar(v):
    return "true" if v is True else "false" if v is False else "" if v is None else str(v)


def _case(operation, kind, payload):
    """The request the client makes of `payload`, as a Schemathesis case."""
    params = {n: PATH_IDS[n] for n in re.findall(r"\{(\w+)\}", operation.path)}
    body = kind["body"]
    if body == "query":  # lists joined by commas, as the client writes them
        query = {k: ",".join(map(_scalar, v)) if isinstance(v, list) else _scalar(v) for k, v in payload.items()}
        return operation.Case(path_parameters=params, query={k: v for k, v in query.items() if v})
    if body == "url":  # the authorize page's address: its query string
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(payload).query))
        return operation.Case(path_parameters=params, query=query)
    if body == "form":  # empty fields are left out, as the client does
        form = {k: _scalar(v) for k, v in payload.items() if _scalar(v)}
        return operation.Case(path_parameters=params, body=form, media_type=FORM)
    media_type = JSON_API if body == "json_api" else "application/json"
    return operation.Case(path_parameters=params, body=payload, media_type=media_type)


@schemathesis.hook
def before_add_examples(context, examples):
    operation = context.operation
    endpoint = f"{operation.method.upper()} {operation.path}"
    for kind in _TABLE:
        if kind["api"].lower() != API or endpoint not in kind["endpoints"]:
            continue
        for path in kind["samples"]:
            payload = json.loads(fill((ROOT / "samples" / path).read_text()))
            examples.append(_case(operation, kind, payload))


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.media_type == JSON_API and not any(k.lower() == "accept" for k in case.headers or {}):
        case.headers = {**(case.headers or {}), "Accept": JSON_API}
