package hcr.compiler.elf;

/** One symbol of interest from an ELF file's .symtab. */
public record ElfSymbol(String name, SymbolKind kind, boolean global, boolean defined, long value, long size, boolean writable) {}
