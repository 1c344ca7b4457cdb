"""specgen: markdown API model docs -> JSON Schema, dataclasses and a thin client."""

__version__ = "0.1.0"
