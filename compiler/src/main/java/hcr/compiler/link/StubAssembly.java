package hcr.compiler.link;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The assembly text of a stub library (docs/internals.md section 3). For link name
 * {@code hcr.<n>} it defines the global function {@code hcr.<n>} that jumps through the slot,
 * the global function {@code hcrtrap.<n>} that reports the removed function, the 8-byte global
 * slot {@code hcrslot.<n>} (initially pointing at the trap) and the C name as a string. The slot
 * is read through its local alias {@code .Ls_<n>}: a PC-relative reference to a global symbol of
 * a shared library does not link.
 */
final class StubAssembly {
    private static final Pattern LINK_NAME = Pattern.compile("hcr\\.[A-Za-z_$][A-Za-z0-9_$]*(\\.g[0-9]+)?");

    private StubAssembly() {
    }

    static String of(Arch arch, List<FunctionName> functions) {
        var text = new StringBuilder("/* hcr stub library: generated, do not edit */\n");
        for (var function : functions) {
            if (!LINK_NAME.matcher(function.linkName()).matches()) {
                throw new IllegalArgumentException("module '" + function.moduleId() + "': '"
                        + function.linkName() + "' is not a function link name");
            }
            var n = function.linkName().substring(LinkNames.PREFIX.length());
            switch (arch) {
                case X86_64 -> x86(text, n, function.cname());
                case AARCH64 -> aarch64(text, n, function.cname());
            }
        }
        text.append("\t.section\t.note.GNU-stack,\"\",").append(arch == Arch.X86_64 ? "@" : "%")
                .append("progbits\n");
        return text.toString();
    }

    private static void x86(StringBuilder text, String n, String cname) {
        text.append("\t.text\n")
                .append("\t.globl\thcr.").append(n).append('\n')
                .append("\t.type\thcr.").append(n).append(", @function\n")
                .append("hcr.").append(n).append(":\n")
                .append("\tjmp\t*.Ls_").append(n).append("(%rip)\n")
                .append("\t.size\thcr.").append(n).append(", .-hcr.").append(n).append('\n')
                .append("\t.globl\thcrtrap.").append(n).append('\n')
                .append("\t.type\thcrtrap.").append(n).append(", @function\n")
                .append("hcrtrap.").append(n).append(":\n")
                .append("\tlea\t.Ln_").append(n).append("(%rip), %rdi\n")
                .append("\tjmp\thcr_trap_removed@PLT\n")
                .append("\t.size\thcrtrap.").append(n).append(", .-hcrtrap.").append(n).append('\n');
        slotAndName(text, n, cname, "@", ".quad");
    }

    private static void aarch64(StringBuilder text, String n, String cname) {
        text.append("\t.text\n")
                .append("\t.p2align\t2\n")
                .append("\t.globl\thcr.").append(n).append('\n')
                .append("\t.type\thcr.").append(n).append(", %function\n")
                .append("hcr.").append(n).append(":\n")
                .append("\tadrp\tx16, .Ls_").append(n).append('\n')
                .append("\tldr\tx16, [x16, :lo12:.Ls_").append(n).append("]\n")
                .append("\tbr\tx16\n")
                .append("\t.size\thcr.").append(n).append(", .-hcr.").append(n).append('\n')
                .append("\t.globl\thcrtrap.").append(n).append('\n')
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
}
