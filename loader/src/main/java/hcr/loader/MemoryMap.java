package hcr.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This process's mappings as {@code /proc/self/maps} lists them: whether a range of addresses may
 * be read or written. The host checks every global's bytes against it before touching them, so a
 * wrong address is an error message, never a crash of the program; and it is how a {@code const}
 * global is told from a writable one: the dynamic linker maps {@code .rodata} and, after
 * relocation, {@code .data.rel.ro} read-only, whatever the C source says.
 */
final class MemoryMap {

    /** One mapping: [start, end), its permissions ({@code rw-p}) and its file, if any. */
    record Region(long start, long end, String permissions, String path) {
        boolean readable() {
            return permissions.charAt(0) == 'r';
        }

        boolean writable() {
            return permissions.charAt(1) == 'w';
        }

        /** "r--p libvars.g1.so": what an error message says about it. */
        String describe() {
            var file = path.isEmpty() ? "anonymous memory" : Path.of(path).getFileName().toString();
            return permissions + " " + file;
        }
    }

    private final List<Region> regions;

    private MemoryMap(List<Region> regions) {
        this.regions = regions;
    }

    static MemoryMap ofThisProcess() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8));
    }

    /** Lines {@code start-end perms offset dev inode [path]}, addresses in hex, sorted. */
    static MemoryMap parse(List<String> lines) {
        var regions = new ArrayList<Region>();
        for (var line : lines) {
            var fields = line.trim().split("\\s+", 6);
            if (fields.length < 5 || fields[0].indexOf('-') < 0 || fields[1].length() < 4) {
                continue;
            }
            var range = fields[0].split("-");
            regions.add(new Region(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16),
                    fields[1], fields.length == 6 ? fields[5] : ""));
        }
        return new MemoryMap(List.copyOf(regions));
    }

    /** The mapping holding {@code address}, or null. */
    Region at(long address) {
        for (var region : regions) {
            if (Long.compareUnsigned(address, region.start()) >= 0 && Long.compareUnsigned(address, region.end()) < 0) {
                return region;
            }
        }
        return null;
    }

    /** True when every byte of [address, address + length) is mapped readable. */
    boolean readable(long address, long length) {
        return covered(address, length, false);
    }

    /** True when every byte of [address, address + length) is mapped writable (and readable). */
    boolean writable(long address, long length) {
        return covered(address, length, true);
    }

    private boolean covered(long address, long length, boolean write) {
        long at = address;
        long end = address + length;
        while (Long.compareUnsigned(at, end) < 0) {
            var region = at(at);
            if (region == null || !region.readable() || write && !region.writable()) {
                return false;
            }
            at = region.end();
        }
        return true;
    }
}
