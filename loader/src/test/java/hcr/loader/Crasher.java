package hcr.loader;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * A JVM that calls {@code function(NULL)} in {@code library} and so dies the way a host does
 * when its program crashes: {@code java hcr.loader.Crasher /path/libsim.g3.so hcr.step}.
 */
public final class Crasher {

    private Crasher() {
    }

    public static void main(String[] args) {
        var library = NativeLibrary.getInstance(args[0]);
        library.getFunction(args[1]).invokeInt(new Object[] {Pointer.NULL});
        System.exit(0);
    }
}
