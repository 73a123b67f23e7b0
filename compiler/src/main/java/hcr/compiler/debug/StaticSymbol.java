package hcr.compiler.debug;

/**
 * A static as the symbol table of a module's object names it: {@code calls.0}, at {@code address}
 * (its offset in its section, which is what the object's debug info gives as its address), of
 * {@code size} bytes.
 */
public record StaticSymbol(String name, long address, long size) {

    /** The name the program declared: .symtab's name without gcc's {@code .N} of a function-static. */
    String declaredName() {
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.substring(dot + 1).chars().allMatch(Character::isDigit) && dot < name.length() - 1
                ? name.substring(0, dot) : name;
    }
}
