package hcr.compiler.link;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The assembly text of a stub library (docs/internals.md section 3). For link name
 * {@code hcr.<n>} it defines the global function {@code hcr.<n>} that jumps through the slot,
 * the global function {@code hcrtrap.<n>} that reports the removed function, the 8-byte global
 * slot {@code hcrslot.<n>} (initially pointing at the trap) and the C name as a string. The slot
 * is read through its local alias {@code .Ls_<n>}: a PC-relative reference to a global symbol of
 * a shared library does not link.
 *
 * <p>Exports (section 2): a C name exported as {@link Export.Form#STUB_LABEL} is a second global
 * label on its stub; one exported {@link Export.Form#INDIRECT} is an indirect function whose
 * resolver, an export thunk, passes the C name to {@code hcr_export_global} in libhcr.
 */
final class StubAssembly {
    private static final Pattern LINK_NAME = Pattern.compile("hcr\\.[A-Za-z_$][A-Za-z0-9_$]*(\\.g[0-9]+)?");
    private static final Pattern C_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private StubAssembly() {
    }

    static String of(Arch arch, List<FunctionName> functions) {
        return of(arch, functions, List.of());
    }

    static String of(Arch arch, List<FunctionName> functions, List<Export> exports) {
        var labels = new HashSet<String>();
        for (var export : exports) {
            if (!C_NAME.matcher(export.cname()).matches()) {
                throw new IllegalArgumentException("module '" + export.moduleId() + "': '" + export.cname()
                        + "' is not a C name that can be exported");
            }
            if (export.form() == Export.Form.STUB_LABEL) {
                labels.add(export.cname());
            }
        }
        var text = new StringBuilder("/* hcr stub library: generated, do not edit */\n");
        var stubbed = new HashSet<String>();
        for (var function : functions) {
            if (!LINK_NAME.matcher(function.linkName()).matches()) {
                throw new IllegalArgumentException("module '" + function.moduleId() + "': '"
                        + function.linkName() + "' is not a function link name");
            }
            var n = function.linkName().substring(LinkNames.PREFIX.length());
            var label = labels.contains(function.cname()) ? function.cname() : null;
            if (label != null) {
                stubbed.add(label);
            }
            switch (arch) {
                case X86_64 -> x86(text, n, function.cname(), label);
                case AARCH64 -> aarch64(text, n, function.cname(), label);
            }
        }
        for (var export : exports) {
            if (export.form() == Export.Form.INDIRECT) {
                thunk(text, arch, export.cname());
            } else if (!stubbed.contains(export.cname())) {
                throw new IllegalArgumentException("module '" + export.moduleId() + "': '" + export.cname()
                        + "' is exported as a label on a stub this library does not make");
            }
        }
        text.append("\t.section\t.note.GNU-stack,\"\",").append(typePrefix(arch)).append("progbits\n");
        return text.toString();
    }

    private static String typePrefix(Arch arch) {
        return arch == Arch.X86_64 ? "@" : "%";
    }

    /** {@code hcr.<n>:} and, when the C name is exported here, {@code <label>:} on the same code. */
    private static void entry(StringBuilder text, String n, String label, String typePrefix) {
        text.append("\t.globl\thcr.").append(n).append('\n')
                .append("\t.type\thcr.").append(n).append(", ").append(typePrefix).append("function\n");
        if (label != null) {
            text.append("\t.globl\t").append(label).append('\n')
                    .append("\t.type\t").append(label).append(", ").append(typePrefix).append("function\n");
        }
        text.append("hcr.").append(n).append(":\n");
        if (label != null) {
            text.append(label).append(":\n");
        }
    }

    private static void sizes(StringBuilder text, String n, String label) {
        text.append("\t.size\thcr.").append(n).append(", .-hcr.").append(n).append('\n');
        if (label != null) {
            text.append("\t.size\t").append(label).append(", .-").append(label).append('\n');
        }
    }

    private static void x86(StringBuilder text, String n, String cname, String label) {
        text.append("\t.text\n");
        entry(text, n, label, "@");
        text.append("\tjmp\t*.Ls_").append(n).append("(%rip)\n");
        sizes(text, n, label);
        text.append("\t.globl\thcrtrap.").append(n).append('\n')
                .append("\t.type\thcrtrap.").append(n).append(", @function\n")
                .append("hcrtrap.").append(n).append(":\n")
                .append("\tlea\t.Ln_").append(n).append("(%rip), %rdi\n")
                .append("\tjmp\thcr_trap_removed@PLT\n")
                .append("\t.size\thcrtrap.").append(n).append(", .-hcrtrap.").append(n).append('\n');
        slotAndName(text, n, cname, "@", ".quad");
    }

    private static void aarch64(StringBuilder text, String n, String cname, String label) {
        text.append("\t.text\n")
                .append("\t.p2align\t2\n");
        entry(text, n, label, "%");
        text.append("\tadrp\tx16, .Ls_").append(n).append('\n')
                .append("\tldr\tx16, [x16, :lo12:.Ls_").append(n).append("]\n")
                .append("\tbr\tx16\n");
        sizes(text, n, label);
        text.append("\t.globl\thcrtrap.").append(n).append('\n')
                .append("\t.type\thcrtrap.").append(n).append(", %function\n")
                .append("hcrtrap.").append(n).append(":\n")
                .append("\tadrp\tx0, .Ln_").append(n).append('\n')
                .append("\tadd\tx0, x0, :lo12:.Ln_").append(n).append('\n')
                .append("\tb\thcr_trap_removed\n")
                .append("\t.size\thcrtrap.").append(n).append(", .-hcrtrap.").append(n).append('\n');
        slotAndName(text, n, cname, "%", ".xword");
    }

    private static void slotAndName(StringBuilder text, String n, String cname, String typePrefix, String quad) {
        text.append("\t.data\n")
                .append("\t.balign\t8\n")
                .append("\t.globl\thcrslot.").append(n).append('\n')
                .append("\t.type\thcrslot.").append(n).append(", ").append(typePrefix).append("object\n")
                .append("\t.size\thcrslot.").append(n).append(", 8\n")
                .append("hcrslot.").append(n).append(":\n")
                .append(".Ls_").append(n).append(":\n")
                .append('\t').append(quad).append("\thcrtrap.").append(n).append('\n')
                .append("\t.section\t.rodata\n")
                .append(".Ln_").append(n).append(":\n")
                .append("\t.asciz\t\"").append(cname).append("\"\n");
    }

    /**
     * The export thunk of {@code cname}: the resolver of the indirect function {@code cname}. The
     * dynamic linker calls it when it binds a reference to {@code cname} and uses what it returns,
     * the address {@code hcr_export_global} finds in the loaded generation.
     */
    private static void thunk(StringBuilder text, Arch arch, String cname) {
        var typePrefix = typePrefix(arch);
        text.append("\t.text\n");
        if (arch == Arch.AARCH64) {
            text.append("\t.p2align\t2\n");
        }
        text.append("\t.globl\t").append(cname).append('\n')
                .append("\t.type\t").append(cname).append(", ").append(typePrefix).append("gnu_indirect_function\n")
                .append(cname).append(":\n");
        switch (arch) {
            case X86_64 -> text.append("\tlea\t.Lx_").append(cname).append("(%rip), %rdi\n")
                    .append("\tjmp\thcr_export_global@PLT\n");
            case AARCH64 -> text.append("\tadrp\tx0, .Lx_").append(cname).append('\n')
                    .append("\tadd\tx0, x0, :lo12:.Lx_").append(cname).append('\n')
                    .append("\tb\thcr_export_global\n");
        }
        text.append("\t.size\t").append(cname).append(", .-").append(cname).append('\n')
                .append("\t.section\t.rodata\n")
                .append(".Lx_").append(cname).append(":\n")
                .append("\t.asciz\t\"").append(cname).append("\"\n");
    }
}
