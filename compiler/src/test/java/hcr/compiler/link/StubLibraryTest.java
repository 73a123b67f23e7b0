package hcr.compiler.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.RequiredTool;
import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubLibraryTest {
    @TempDir
    Path dir;

    private static final List<FunctionName> STEP_AND_FRESH = List.of(
            new FunctionName("sim", "step", "hcr.step"),
            new FunctionName("sim", "y", "hcr.y.g5"));

    @Test
    void theX86AssemblyHasTheLayoutOfTheContract() {
        var text = StubLibrary.assembly(Arch.X86_64, List.of(new FunctionName("sim", "f", "hcr.f")));

        assertEquals("""
                /* hcr stub library: generated, do not edit */
                \t.text
                \t.globl\thcr.f
                \t.type\thcr.f, @function
                hcr.f:
                \tjmp\t*.Ls_f(%rip)
                \t.size\thcr.f, .-hcr.f
                \t.globl\thcrtrap.f
                \t.type\thcrtrap.f, @function
                hcrtrap.f:
                \tlea\t.Ln_f(%rip), %rdi
                \tjmp\thcr_trap_removed@PLT
                \t.size\thcrtrap.f, .-hcrtrap.f
                \t.data
                \t.balign\t8
                \t.globl\thcrslot.f
                \t.type\thcrslot.f, @object
                \t.size\thcrslot.f, 8
                hcrslot.f:
                .Ls_f:
                \t.quad\thcrtrap.f
                \t.section\t.rodata
                .Ln_f:
                \t.asciz\t"f"
                \t.section\t.note.GNU-stack,"",@progbits
                """, text);
    }

    @Test
    void theAarch64AssemblyJumpsThroughTheSlotWithX16() {
        var text = StubLibrary.assembly(Arch.AARCH64, List.of(new FunctionName("sim", "f", "hcr.f")));
        var lines = text.lines().map(String::strip).toList();

        var stub = lines.indexOf("hcr.f:");
        assertEquals(List.of("adrp\tx16, .Ls_f", "ldr\tx16, [x16, :lo12:.Ls_f]", "br\tx16"),
                lines.subList(stub + 1, stub + 4));
        var trap = lines.indexOf("hcrtrap.f:");
        assertEquals(List.of("adrp\tx0, .Ln_f", "add\tx0, x0, :lo12:.Ln_f", "b\thcr_trap_removed"),
                lines.subList(trap + 1, trap + 4));
        var slot = lines.indexOf("hcrslot.f:");
        assertEquals(List.of(".Ls_f:", ".xword\thcrtrap.f"), lines.subList(slot + 1, slot + 3));
        assertTrue(lines.contains(".type\thcrslot.f, %object"));
        assertTrue(lines.contains(".asciz\t\"f\""));
        assertTrue(lines.contains(".section\t.note.GNU-stack,\"\",%progbits"));
    }

    @Test
    void theAarch64AssemblyAssemblesWithARealAarch64Assembler() throws IOException {
        var mc = Path.of("/usr/bin/llvm-mc");
        RequiredTool.requireExecutable(mc, "llvm-mc, an aarch64 assembler (Debian's llvm)");
        var s = Files.writeString(dir.resolve("stubs.s"), StubLibrary.assembly(Arch.AARCH64, STEP_AND_FRESH,
                List.of(new Export("sim", "step", Export.Form.STUB_LABEL), new Export("sim", "counter", Export.Form.INDIRECT))));
        var o = dir.resolve("stubs.o");

        Gcc.run(List.of(mc.toString(), "-triple=aarch64-linux-gnu", "-filetype=obj", s.toString(), "-o", o.toString()));

        var symbols = Gcc.run(List.of("readelf", "-sW", o.toString()));
        for (var name : List.of("hcr.step", "hcrtrap.step", "hcrslot.step", "hcr.y.g5", "hcrslot.y.g5", "step",
                "counter")) {
            assertTrue(symbols.lines().anyMatch(line -> line.contains(" GLOBAL ") && line.endsWith(" " + name)),
                    name + "\n" + symbols);
        }
        assertTrue(Gcc.run(List.of("readelf", "-h", o.toString())).contains("AArch64"));
    }

    @Test
    void aFreshFunctionNameKeepsItsSuffixInEverySymbolAndItsCNameInTheString() {
        var text = StubLibrary.assembly(Arch.X86_64, STEP_AND_FRESH);

        assertTrue(text.contains("hcr.y.g5:\n\tjmp\t*.Ls_y.g5(%rip)\n"), text);
        assertTrue(text.contains("hcrslot.y.g5:\n.Ls_y.g5:\n\t.quad\thcrtrap.y.g5\n"), text);
        assertTrue(text.contains(".Ln_y.g5:\n\t.asciz\t\"y\"\n"), text);
    }

    @Test
    void anExportedFunctionIsASecondLabelOnItsStub() {
        var text = StubLibrary.assembly(Arch.X86_64, List.of(new FunctionName("sim", "step", "hcr.step")),
                List.of(new Export("sim", "step", Export.Form.STUB_LABEL)));

        assertTrue(text.contains("""
                \t.globl\thcr.step
                \t.type\thcr.step, @function
                \t.globl\tstep
                \t.type\tstep, @function
                hcr.step:
                step:
                \tjmp\t*.Ls_step(%rip)
                \t.size\thcr.step, .-hcr.step
                \t.size\tstep, .-step
                """), text);
    }

    @Test
    void anIndirectExportIsAThunkThatAsksTheRuntime() {
        var counter = List.of(new Export("vars", "counter", Export.Form.INDIRECT));
        var text = StubLibrary.assembly(Arch.X86_64, List.of(), counter);

        assertTrue(text.contains("""
                \t.globl\tcounter
                \t.type\tcounter, @gnu_indirect_function
                counter:
                \tlea\t.Lx_counter(%rip), %rdi
                \tjmp\thcr_export_global@PLT
                \t.size\tcounter, .-counter
                \t.section\t.rodata
                .Lx_counter:
                \t.asciz\t"counter"
                """), text);
        var arm = StubLibrary.assembly(Arch.AARCH64, List.of(), counter);
        assertTrue(arm.contains("\t.type\tcounter, %gnu_indirect_function\ncounter:\n\tadrp\tx0, .Lx_counter\n"
                + "\tadd\tx0, x0, :lo12:.Lx_counter\n\tb\thcr_export_global\n"), arm);
    }

    @Test
    void aLabelWithoutItsStubOrANameThatIsNoCIdentifierIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StubLibrary.assembly(Arch.X86_64, List.of(),
                List.of(new Export("m", "f", Export.Form.STUB_LABEL))));
        assertThrows(IllegalArgumentException.class, () -> StubLibrary.assembly(Arch.X86_64, List.of(),
                List.of(new Export("m", "f@V1", Export.Form.INDIRECT))));
    }

    @Test
    void theLibraryExportsLabelsAsFunctionsAtTheStubAndThunksAsIndirectFunctions() throws Exception {
        new StubLibrary(Arch.X86_64, "as", "ld").build(STEP_AND_FRESH,
                List.of(new Export("sim", "step", Export.Form.STUB_LABEL), new Export("sim", "y", Export.Form.STUB_LABEL),
                        new Export("sim", "counter", Export.Form.INDIRECT)), dir, "libhcrstubs.6.so");

        var exported = exported(dir.resolve("libhcrstubs.6.so"));
        assertEquals(ElfSymbol.STT_FUNC, exported.get("step").getType());
        assertEquals(exported.get("hcr.step").st_value, exported.get("step").st_value);
        assertEquals(exported.get("hcr.step").st_size, exported.get("step").st_size);
        assertEquals(exported.get("hcr.y.g5").st_value, exported.get("y").st_value, "a label on a fresh-named stub");
        assertEquals(10, exported.get("counter").getType(), "STT_GNU_IFUNC");
        var undefined = Gcc.run(List.of("nm", "-D", "--undefined-only", dir.resolve("libhcrstubs.6.so").toString()));
        assertTrue(undefined.contains("hcr_export_global") && undefined.contains("hcr_trap_removed"), undefined);
    }

    private static Map<String, ElfSymbol> exported(Path library) throws IOException {
        var exported = new HashMap<String, ElfSymbol>();
        for (var symbol : ElfFile.from(library.toFile()).getDynamicSymbolTableSection().symbols) {
            if (symbol.st_shndx != 0) {
                exported.put(symbol.getName(), symbol);
            }
        }
        return exported;
    }

    @Test
    void aNameThatIsNotALinkNameIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> StubLibrary.assembly(Arch.X86_64, List.of(new FunctionName("sim", "f", "f"))));

        assertTrue(e.getMessage().contains("'sim'") && e.getMessage().contains("'f'"), e.getMessage());
    }

    @Test
    void theLibraryExportsStubTrapAndSlotOfEveryFunction() throws Exception {
        new StubLibrary(Arch.X86_64, "as", "ld").build(STEP_AND_FRESH, dir, "libhcrstubs.5.so");

        var elf = ElfFile.from(dir.resolve("libhcrstubs.5.so").toFile());
        var exported = new HashMap<String, ElfSymbol>();
        for (var symbol : elf.getDynamicSymbolTableSection().symbols) {
            if (symbol.st_shndx != 0) {
                exported.put(symbol.getName(), symbol);
            }
        }
        for (var n : List.of("step", "y.g5")) {
            assertEquals(ElfSymbol.STT_FUNC, exported.get("hcr." + n).getType(), "hcr." + n);
            assertEquals(ElfSymbol.STT_FUNC, exported.get("hcrtrap." + n).getType(), "hcrtrap." + n);
            assertEquals(ElfSymbol.STT_OBJECT, exported.get("hcrslot." + n).getType(), "hcrslot." + n);
            assertEquals(8, exported.get("hcrslot." + n).st_size);
            assertEquals(0, exported.get("hcrslot." + n).st_value % 8, "the slot is 8-aligned");
        }
        assertTrue(elf.getDynamicSection().entries.stream()
                .anyMatch(e -> e.d_tag == net.fornwall.jelf.ElfDynamicSection.DT_SONAME));
        assertEquals("libhcrstubs.5.so", soname(dir.resolve("libhcrstubs.5.so")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("libhcrstubs.5.so"), files.map(f -> f.getFileName().toString()).toList(),
                    "the assembly source and the object were removed");
        }
    }

    static String soname(Path library) throws IOException {
        var out = Gcc.run(List.of("readelf", "-d", library.toString()));
        var m = java.util.regex.Pattern.compile("\\(SONAME\\)\\s+Library soname: \\[(.*)]").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void aFailingToolIsReportedWithCommandExitCodeAndOutput() {
        var stubs = new StubLibrary(Arch.X86_64, "as", "false");

        var e = assertThrows(ToolException.class,
                () -> stubs.build(List.of(new FunctionName("m", "f", "hcr.f")), dir, "libhcrstubs.1.so"));

        assertEquals(1, e.exitCode());
        assertEquals("false", e.command().get(0));
        assertTrue(e.getMessage().startsWith("false -shared -soname libhcrstubs.1.so"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with 1"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("libhcrstubs.1.so")));
    }

    @Test
    void aMissingToolIsReportedByName() {
        var stubs = new StubLibrary(Arch.X86_64, dir.resolve("no-such-as").toString(), "ld");

        var e = assertThrows(IOException.class,
                () -> stubs.build(List.of(new FunctionName("m", "f", "hcr.f")), dir, "libhcrstubs.1.so"));

        assertTrue(e.getMessage().contains("no-such-as"), e.getMessage());
    }

    @Test
    void hostArchIsThisMachine() {
        assertEquals(Map.of("amd64", "x86_64", "aarch64", "aarch64").get(System.getProperty("os.arch")),
                Arch.host().manifestName());
    }
}
