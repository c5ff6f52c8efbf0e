"""The Textual workbench: a thin keyboard-driven front end over the core API.

Screens and widgets only draw and dispatch; every change goes through `workbench.ops`
(via `workbench.session`), every figure through the core (`workbench.stats`,
`workbench.worklist`).
"""
