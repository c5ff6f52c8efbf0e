"""Translation memories imported from other tools: TMX files in the project's `tm/`
folder, read (and cached) for proposals and the concordance."""

from workbench.tm.store import (
    MemoryInfo,
    TMUnit,
    folder,
    memory_files,
    memory_name,
    parse_memory,
    read_memory,
    tm_units,
)

__all__ = ["MemoryInfo", "TMUnit", "folder", "memory_files", "memory_name", "parse_memory",
           "read_memory", "tm_units"]
