package hcr.compiler.elf;

import java.util.Set;

/**
 * Names the static linker itself defines when it makes a shared library. An object may
 * refer to them while undefined, yet no module or system library needs to provide them.
 */
final class LinkerNames {
    private static final Set<String> INTERNAL = Set.of(
            "_GLOBAL_OFFSET_TABLE_", "_DYNAMIC", "_PROCEDURE_LINKAGE_TABLE_", "__dso_handle",
            "__TMC_END__", "__ehdr_start", "__executable_start", "__bss_start", "_edata", "_end",
            "_etext", "__etext", "__init_array_start", "__init_array_end", "__fini_array_start",
            "__fini_array_end", "__preinit_array_start", "__preinit_array_end", "__GNU_EH_FRAME_HDR",
            "_ITM_registerTMCloneTable", "_ITM_deregisterTMCloneTable", "__gmon_start__");

    private LinkerNames() {
    }

    /** True for linker-defined names, including {@code __start_<section>} / {@code __stop_<section>}. */
    static boolean isLinkerInternal(String name) {
        return INTERNAL.contains(name) || name.startsWith("__start_") || name.startsWith("__stop_");
    }
}
