"""Widgets of the workbench TUI, one per module."""
