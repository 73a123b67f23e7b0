package hcr.loader;

import com.sun.jna.Platform;
import java.io.IOException;

/**
 * Entry point of the host process that runs one program:
 * {@code java -cp ... hcr.loader.HostMain --build-dir D --control SOCK [--name NAME] [--] args...}.
 * Started by {@link ProgramHost}; not meant to be run by hand.
 */
public final class HostMain {

    private HostMain() {
    }

    public static void main(String[] args) {
        var cache = LibraryCache.inUserCache();
        prepareJna(cache);
        HostArguments arguments;
        ControlChannel control;
        try {
            arguments = HostArguments.parse(args);
            control = ControlChannel.connect(arguments.controlSocket());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("hcr host: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Host(arguments, control, Libc.load(), cache).run();
    }

    /**
     * Spares JNA its slow start: its dispatch library comes from our cache instead of being
     * unpacked to a temporary file at every start, and it skips the library search path it
     * would otherwise ask {@code ldconfig -p} for (a subprocess) - the host loads libhcr by
     * absolute path and the C library by soname. Must run before any JNA class that loads
     * native code is initialised.
     */
    private static void prepareJna(LibraryCache cache) {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        if (System.getProperty("jna.boot.library.path") == null) {
            try {
                var dispatch = cache.extract("com/sun/jna/" + Platform.RESOURCE_PREFIX + "/libjnidispatch.so");
                System.setProperty("jna.boot.library.path", dispatch.getParent().toString());
            } catch (RuntimeException e) {
                // JNA unpacks its own copy
            }
        }
    }
}
