"""Type stubs for the compiled module (the functions ``orderlint`` re-exports)."""

from typing import Any, Dict, List, Optional, Union

Payload = Union[str, bytes, Dict[str, Any], List[Any]]
Report = Dict[str, Any]

def kinds() -> List[str]:
    """The kinds of payload, e.g. ``"veeqo.order"``."""

def explain(code: str) -> Optional[Dict[str, Any]]:
    """A code's registry entry (``code``, ``severity``, ``summary``, ``source``, ...), or
    ``None`` for a code orderlint never emits."""

def schema(kind: str) -> Dict[str, Any]:
    """A kind's JSON Schema (2020-12), made from the tables the checks use."""

def validate(kind: str, payload: Payload) -> Report:
    """One payload's report: ``{"valid": bool, "issues": [...]}``; each issue has
    ``pointer``, ``code``, ``severity`` and ``message`` (and ``rule``, ``fix`` where it has
    them). Kind ``"auto"`` tells the kind and adds ``kind`` and ``why``. Raises
    ``ValueError`` for an unknown kind or text that is not JSON."""

def validate_many(kind: str, lines: Union[str, bytes]) -> List[Report]:
    """One report per non-blank line of JSON Lines; a line that is not JSON (or not UTF-8)
    gets a report with one ``json.syntax`` error."""

def detect(payload: Payload) -> Dict[str, Any]:
    """Which kind a payload is: ``{"kind": str | None, "why": str, "fits": [str]}``."""

def fix(kind: str, payload: Payload, unsafe: bool = False) -> Dict[str, Any]:
    """The safe fixes applied (with ``unsafe=True``, the suggestions too):
    ``{"text": str, "fixed": [...], "report": Report}``."""
