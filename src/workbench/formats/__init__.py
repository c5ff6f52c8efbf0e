"""Exchange formats: TMX 1.4b, XLIFF 2.1 and 1.2, TBX, plain text; and safe XML input."""
