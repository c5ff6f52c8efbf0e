"""Team work over git: the three-way merge of working files by unit (the git merge
driver), conflicts kept as review work, and the git commands `workbench sync` runs.

Below `ops` (which calls it) and beside `store`: it reads and writes working-file text
through the codec (`formats.xlf`), never through the store, because git hands the merge
driver temporary files, not the project's.
"""
