package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryMapTest {

    /** Lines as /proc/self/maps prints them: a library's read-only, code and data pages, its .bss spill. */
    private static final MemoryMap MAP = MemoryMap.parse(List.of(
            "7f00a0000000-7f00a0001000 r--p 00000000 08:01 1234   /tmp/p/.hcr/run/99/libvars.g1.so",
            "7f00a0001000-7f00a0002000 r-xp 00001000 08:01 1234   /tmp/p/.hcr/run/99/libvars.g1.so",
            "7f00a0002000-7f00a0003000 r--p 00002000 08:01 1234   /tmp/p/.hcr/run/99/libvars.g1.so",
            "7f00a0003000-7f00a0004000 rw-p 00002000 08:01 1234   /tmp/p/.hcr/run/99/libvars.g1.so",
            "7f00a0004000-7f00a0006000 rw-p 00000000 00:00 0 ",
            "7f00a0008000-7f00a0009000 ---p 00000000 00:00 0",
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
            "not a mapping line"));

    @Test
    void a_range_is_writable_only_when_every_page_of_it_is() {
        assertTrue(MAP.writable(0x7f00a0003ff0L, 0x20), "data page, then the anonymous .bss beyond the file");
        assertFalse(MAP.writable(0x7f00a0002ff0L, 0x20), "starts in the read-only page");
        assertTrue(MAP.readable(0x7f00a0002ff0L, 0x20));
        assertFalse(MAP.readable(0x7f00a0005ff0L, 0x20), "runs past the end into a hole");
        assertFalse(MAP.readable(0x7f00a0008000L, 4), "a PROT_NONE guard");
        assertTrue(MAP.readable(0x7f00a0003000L, 0), "nothing to read");
        assertEquals("r--p libvars.g1.so", MAP.at(0x7f00a0002004L).describe());
        assertEquals("rw-p anonymous memory", MAP.at(0x7f00a0004000L).describe());
        assertNull(MAP.at(0x1000));
        assertFalse(MAP.readable(0xffffffffff600000L, 1), "unsigned addresses above 2^63");
    }

    @Test
    void this_process_has_its_own_code_read_only_and_its_heap_writable() throws Exception {
        var memory = new com.sun.jna.Memory(64);
        long heap = com.sun.jna.Pointer.nativeValue(memory);
        var map = MemoryMap.ofThisProcess();
        assertTrue(map.writable(heap, 64), "malloc'd memory");
        long code = com.sun.jna.Pointer.nativeValue(com.sun.jna.NativeLibrary.getInstance(Libc.NAME)
                .getFunction("exit"));
        assertTrue(map.readable(code, 1));
        assertFalse(map.writable(code, 1), "libc's code");
    }
}
