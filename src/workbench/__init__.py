"""workbench: a translation and alignment workbench (Russian→English shipped, pair-generic core)."""

__version__ = "0.1.0"
