"""The Textual workbench: a thin keyboard-driven front end over the core API.

Screens and widgets only draw and dispatch; every change and every figure goes through
`workbench.ops` (via the headless view-model in `workbench.tui.state`: the session of a
document and its work list).
"""
