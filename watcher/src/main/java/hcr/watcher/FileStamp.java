package hcr.watcher;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What the watcher remembers of a file to notice, on a full rescan, that it changed while events
 * were lost: its identity (inode, which an atomic save replaces), modification time and size.
 */
record FileStamp(Object fileKey, FileTime lastModified, long size) {

    static FileStamp of(BasicFileAttributes attributes) {
        return new FileStamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }
}
