package hcr.loader;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A folder of native libraries extracted from the class path, one subfolder per content hash
 * ({@code <root>/<sha256-prefix>/<name>}). A library with the same content is extracted once and
 * reused by every later host; a new build of it lands beside the old one. Each file is written
 * aside and renamed into place, so a concurrent host never loads a half-written library.
 */
public final class LibraryCache {

    /** Where hcr-native packages the runtime, for this platform. */
    public static final String LIBHCR_RESOURCE = "hcr/native/" + Platform.RESOURCE_PREFIX + "/libhcr.so";

    private static final int HASH_PREFIX_CHARS = 16;

    private final Path root;
    private final ClassLoader classLoader;

    public LibraryCache(Path root, ClassLoader classLoader) {
        this.root = root;
        this.classLoader = classLoader;
    }

    /** The user's cache: {@code $XDG_CACHE_HOME/hcr}, by default {@code ~/.cache/hcr}. */
    public static LibraryCache inUserCache() {
        var xdg = System.getenv("XDG_CACHE_HOME");
        var base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return new LibraryCache(base.resolve("hcr"), LibraryCache.class.getClassLoader());
    }

    public Path root() {
        return root;
    }

    /** The extracted libhcr.so. */
    public Path libhcr() {
        return extract(LIBHCR_RESOURCE);
    }

    /** Extracts {@code resource} (unless an identical copy is cached) and returns the cached file. */
    public Path extract(String resource) {
        var content = read(resource);
        var name = resource.substring(resource.lastIndexOf('/') + 1);
        var target = root.resolve(hashPrefix(content)).resolve(name);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == content.length) {
                return target;
            }
            Files.createDirectories(target.getParent());
            var aside = Files.createTempFile(target.getParent(), "." + name + ".", ".tmp");
            try {
                Files.write(aside, content);
                Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(aside);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private byte[] read(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource
                        + " is not on the class path (is the hcr-native jar missing?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String hashPrefix(byte[] content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest).substring(0, HASH_PREFIX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
