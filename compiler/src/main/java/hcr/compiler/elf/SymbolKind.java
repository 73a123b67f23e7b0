package hcr.compiler.elf;

/** What a symbol names: code or data. */
public enum SymbolKind {
    FUNCTION,
    OBJECT
}
