"""What the tests share: where the shipped corpus and the shared data are (`paths`),
copies of the corpus and stand-ins for the segmenter and aligner (`corpus`), the tiny
Argos package and an isolated Argos home (`argos`). Fixtures are in tests/conftest.py."""
