"""Helpers for tests and benchmarks, shipped with the package so both import them the
same way. The application never imports this package (an import-linter contract checks)."""
