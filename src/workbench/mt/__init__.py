"""Machine translation proposals from engines behind one Protocol
(`workbench.mt.proposals.ProposalEngine`), registered in `workbench.mt.chain`:
translation memory, rules (letterheads, glossary-only segments), neural MT on Argos
packages through CTranslate2 directly.

The use case (a project's memory, glossary and cache gathered, then the chain run) is
`workbench.ops.translate.propose`. Models, CTranslate2 and SentencePiece load on first
use.
"""
