package hcr.compiler.link;

import hcr.compiler.elf.SymbolKind;

/** What a C name was in the last committed generation: its kind, link name and size. */
record LiveName(SymbolKind kind, String linkName, long size) {}
