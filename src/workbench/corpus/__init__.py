"""Reading the corpus: discovery and metadata, decoding, the normalised view, damage."""

from workbench.corpus.decode import decode_text, encode_text, read_side
from workbench.corpus.discover import check_id, discover_ids, load_meta, title_from_text
from workbench.corpus.normalise import NormalisedText, normalise

__all__ = ["NormalisedText", "check_id", "decode_text", "discover_ids", "encode_text",
           "load_meta", "normalise", "read_side", "title_from_text"]
