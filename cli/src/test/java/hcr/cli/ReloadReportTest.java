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
    void countsSharedStaticsFirstThenCarriedAndReset() {
        var all = new ReloadReport(5, List.of("count"), List.of(), List.of(), List.of("total", "calls.0"), 1,
                List.of("hist"), 12_000, false);
        assertEquals("reloaded count (gen 5) in 12 ms — 2 statics shared, 1 carried, 1 reset: hist", all.line());
        var one = new ReloadReport(6, List.of("main"), List.of(), List.of(), List.of("total"), 0, List.of(), 9_000, false);
        assertEquals("reloaded main (gen 6) in 9.0 ms — 1 static shared", one.line());
        var reset = new ReloadReport(7, List.of("count"), List.of(), List.of(), 0, List.of("hist"), 9_000, false);
        assertEquals("reloaded count (gen 7) in 9.0 ms — 1 static reset: hist", reset.line());
    }

    @Test
    void saysHowManyOldEntriesNowForward() {
        var only = new ReloadReport(2, List.of("ops"), List.of(), List.of(), List.of(), 0, List.of(), 46_000, true, 3);
        assertEquals("reloaded ops (gen 2) in 46 ms — 3 entries forward", only.line());
        var one = new ReloadReport(3, List.of("ops"), List.of(), List.of(), List.of(), 0, List.of(), 9_000, false, 1);
        assertEquals("reloaded ops (gen 3) in 9.0 ms — 1 entry forwards", one.line());
        var withStatics = new ReloadReport(4, List.of("count"), List.of(), List.of(), List.of("total"), 1,
                List.of("hist"), 12_000, false, 40);
        assertEquals("reloaded count (gen 4) in 12 ms — 1 static shared, 1 carried, 1 reset: hist; 40 entries forward",
                withStatics.line());
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
