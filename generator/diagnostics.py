"""Diagnostics: every problem a stage finds, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}: {tag}{self.message}"


@dataclass
class Diagnostics:
    """A collector passed through the stages; errors stop the build at the end."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, file: str, line: int, message: str) -> None:
        self.items.append(Diagnostic(file, line, message, "error"))

    def warning(self, file: str, line: int, message: str) -> None:
        self.items.append(Diagnostic(file, line, message, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))


# Ends the warning for a Type cell (or model reference) read as any JSON value.
TYPED_AS_ANY = "typed as any"


def is_typed_as_any(d: Diagnostic) -> bool:
    return d.severity == "warning" and f"; {TYPED_AS_ANY}" in d.message


# In the warning for an operation a target built without it (no method and path).
LEFT_OUT = "left out of the"


def is_left_out(d: Diagnostic) -> bool:
    return d.severity == "warning" and f"; {LEFT_OUT} " in d.message


class SpecError(Exception):
    """Raised when input is bad; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))
