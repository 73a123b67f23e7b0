package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReloadReportTest {

    @Test
    void readsLikeTheIssueExample() {
        var report = new ReloadReport(4, List.of("sim"), List.of(), List.of(), 2, List.of("buf"), 38_000, true);
        assertEquals("reloaded sim (gen 4) in 38 ms — 2 statics carried, 1 reset: buf", report.line());
    }

    @Test
    void namesAddedAndRemovedModulesAndOmitsStaticsWhenNone() {
        var report = new ReloadReport(7, List.of("base"), List.of("plus"), List.of("extra"), 0, List.of(), 4_250, false);
        assertEquals("reloaded base; loaded plus; removed extra (gen 7) in 4.3 ms", report.line());
    }

    @Test
    void crashLineNamesSignalFunctionAndModule() {
        var crash = new HostEvent.Crashed("SIGSEGV", "probe_read", "probe", Path.of("/p/.hcr/host/hs_err_pid1.log"));
        assertEquals("crash crashed: SIGSEGV in probe_read() (module probe); log /p/.hcr/host/hs_err_pid1.log",
                CrashReport.line("crash", crash));
        assertEquals(11, CrashReport.signalNumber("SIGSEGV"));
        assertEquals(6, CrashReport.signalNumber("SIGABRT"));
        assertEquals(6, CrashReport.signalNumber(null));
    }
}
