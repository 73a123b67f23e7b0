package hcr.loader;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few C library calls the host needs to end and buffer like a C program does.
 */
interface Libc extends Library {

    int LINE_BUFFERED = 1; // _IOLBF

    /** The C library: by soname on Linux, which spares JNA a search of the library path. */
    String NAME = Platform.isLinux() ? "libc.so.6" : Platform.C_LIBRARY_NAME;

    static Libc load() {
        return Native.load(NAME, Libc.class);
    }

    /** Runs the C atexit handlers, flushes stdio and ends the process, as when main returns. */
    void exit(int status);

    /** Ends the process at once, without atexit handlers. */
    void _exit(int status);

    int setvbuf(Pointer stream, Pointer buffer, int mode, long size);

    int fflush(Pointer stream);

    /** The C library's {@code stdout} or {@code stderr} {@code FILE *}. */
    static Pointer stream(String name) {
        return NativeLibrary.getInstance(NAME).getGlobalVariableAddress(name).getPointer(0);
    }
}
