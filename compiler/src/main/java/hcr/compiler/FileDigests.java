package hcr.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of file contents, remembered by path, size, modification time and file key, so an
 * unchanged file is not read again while a touched one is (and then found equal by content).
 *
 * <p>A digest taken less than a second after the file's modification time is not reused:
 * file timestamps are coarse, and a second write in the same tick would otherwise go
 * unnoticed (git's "racy clean" problem).
 */
final class FileDigests {
    private static final long RACY_NANOS = 1_000_000_000L;

    private record Entry(Object fileKey, long size, FileTime modified, String digest, boolean trusted) {
    }

    private final Map<Path, Entry> known = new ConcurrentHashMap<>();

    /** The digest of the file's content, or {@code null} when the file does not exist. */
    String digest(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            known.remove(file);
            return null;
        }
        var entry = known.get(file);
        if (entry != null && entry.trusted() && entry.size() == attrs.size()
                && entry.modified().equals(attrs.lastModifiedTime()) && Objects.equals(entry.fileKey(), attrs.fileKey())) {
            return entry.digest();
        }
        long readAt = System.currentTimeMillis() * 1_000_000L;
        String digest;
        try {
            digest = sha256(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            known.remove(file);
            return null;
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        long modifiedNanos = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        known.put(file, new Entry(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime(), digest,
                readAt - modifiedNanos > RACY_NANOS));
        return digest;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
