package hcr.loader;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One global or static of the running program and its current bytes, as the host read them from
 * the program's memory. Its C type is not known here: {@code hcr.compiler.debug.GlobalTypes} gives it
 * from {@code library}'s debug info, and {@code hcr.compiler.debug.GlobalValue} pairs the two.
 *
 * @param module    the id of the module defining it ({@code physics/body})
 * @param name      a global's C name; a static's symbol ({@code total}, {@code calls.0} for a
 *                  function's static, {@code tally@g5} after it was reset for a layout change)
 * @param linkName  a global's link name: {@code hcr.counter}, or {@code hcr.counter.g7} after it
 *                  got fresh storage in generation 7; empty for a static
 * @param size      its size in bytes
 * @param library   its module's library file in the generation folder ({@code libvars.g3.so}):
 *                  the debug info that declares its type
 * @param address   where its storage is in the program's process
 * @param storage   the loaded library file holding that storage: the module version that first
 *                  defined the link name, which may be older than {@code library}
 *                  ({@code libvars.g1.so}); empty when unknown
 * @param bytes     its bytes, little-endian: all of them, or the first
 *                  256 when {@code truncated}; empty when not readable
 * @param truncated true when {@code bytes} holds only the first bytes of a larger object
 * @param writable  true when its memory can be written (false for {@code const} globals, which
 *                  live in read-only pages, and for unreadable ones)
 * @param error     why its bytes could not be read (a {@code _Thread_local} global, for one);
 *                  empty when they were
 * @param offset    a static's offset in {@code library} (its symbol's value, where the debug info
 *                  places it); 0 for a global
 */
public record GlobalBytes(String module, String name, String linkName, long size, String library, long address,
                          String storage, byte[] bytes, boolean truncated, boolean writable, String error,
                          long offset) {

    public GlobalBytes {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkName, "linkName");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(error, "error");
        bytes = bytes.clone();
        if (error.isEmpty() && (truncated ? bytes.length >= size : bytes.length != size)) {
            throw new IllegalArgumentException("global " + name + ": " + bytes.length + " bytes read of " + size
                    + (truncated ? " (truncated)" : ""));
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True when {@link #bytes()} holds the global's (first) bytes. */
    public boolean readable() {
        return error.isEmpty();
    }

    /** The bytes in lowercase hex, as the protocol carries them. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GlobalBytes g && module.equals(g.module) && name.equals(g.name)
                && linkName.equals(g.linkName) && size == g.size && library.equals(g.library) && address == g.address
                && storage.equals(g.storage) && Arrays.equals(bytes, g.bytes) && truncated == g.truncated
                && writable == g.writable && error.equals(g.error) && offset == g.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(module, name, linkName, size, library, address, storage, Arrays.hashCode(bytes), truncated,
                writable, error, offset);
    }

    @Override
    public String toString() {
        return "GlobalBytes[" + module + " " + name + " (" + (linkName.isEmpty() ? "static at 0x"
                + Long.toHexString(offset) : linkName) + ", " + size + " bytes at 0x"
                + Long.toHexString(address) + " in " + storage + ") = " + (readable() ? hex() + (truncated ? "..." : "")
                : "unreadable: " + error) + (writable ? "" : ", read-only") + "]";
    }
}
