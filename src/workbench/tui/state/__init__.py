"""The TUI's headless view-model: one person's session on a document (`session`) and
what its units look like as a work list (`worklist`). No Textual import here: the rules
are tested without a terminal, and every change goes through `workbench.ops`."""
