package hcr.compiler.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostScopeTest {

    @Test
    void theHostsGlobalScopeIsTheJavaLaunchersLibrariesThenTheJvmsWithTheFirstDefinitionOfEachName()
            throws IOException {
        var scope = HostScope.ofThisJvm();

        assertEquals(Optional.of("libc.so.6"), scope.library("error"));
        assertEquals(Optional.of("libc.so.6"), scope.library("optind"));
        assertEquals(Optional.of("libm.so.6"), scope.library("log"));
        assertEquals(Optional.of("libz.so.1"), scope.library("inflate"), "java needs libz");
        assertEquals(Optional.of("libjvm.so"), scope.library("JNI_CreateJavaVM"));
        assertEquals(Optional.empty(), scope.library("api_add"));
        assertEquals(Optional.empty(), scope.library("lua_gettop"));
        assertTrue(scope.size() > 3000, "libc, libm, libz, libstdc++, libjvm: " + scope.size());
        assertEquals(Optional.empty(), HostScope.none().library("error"));
    }
}
