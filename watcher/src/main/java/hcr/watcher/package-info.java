/**
 * The watcher of {@code hcr dev}: turns what happens to a source tree into {@link
 * hcr.watcher.ChangeSet}s, each of which the dev server turns into one rebuild.
 *
 * <h2>Why change sets, and why a quiet period</h2>
 *
 * <p>One save is never one event. An editor truncates and writes (two or more modify events),
 * often through a temp file and a rename, sometimes with a backup and a swap file on the side; a
 * "save all", a {@code git checkout} or a code generator touches many files at once. Rebuilding on
 * each raw event would compile half-written files and rebuild the same module several times. So
 * events are collected until nothing happened for a quiet period (10 ms by default: long enough to
 * cover one editor's save sequence, real vim and {@code sed -i} included, see
 * {@code EditorSavesAtDefaultQuietTest}; short against the rebuild that follows) and delivered as
 * one set. Real vim sets the new file's mode and ACL after an fsync; that attribute event can
 * trail any quiet period as a second set of the same file with the same content, which costs a
 * build that finds nothing to do. A max wait (200 ms) bounds the delay when events never stop. The quiet period is the larger
 * part of the watcher's share of edit-to-effect; event delivery through inotify adds about a
 * millisecond.
 *
 * <h2>Why net changes instead of events</h2>
 *
 * <p>Atomic saves (VS Code, JetBrains IDEs, {@code sed -i}) write a new file and rename it over
 * the original; vim renames the original to {@code x.c~} and writes a new {@code x.c}. As events,
 * the original is deleted and created, and temp files live and die in between. What the build
 * needs is "this file has new content". The watcher therefore does not interpret events; it
 * remembers which files existed at the last change set, and after a burst looks at the paths the
 * events named as they are on disk now. Existed before and exists now is {@code modified}; a file
 * created and deleted within the burst shows up nowhere; a deleted or moved-away folder yields
 * the files it held; a new folder yields the files already in it. The folding covers what happens
 * within one burst: a tool that pauses longer than the quiet period in the middle of a save is
 * seen as two sets (say, deleted, then created).
 *
 * <h2>Why ignoring happens before debouncing</h2>
 *
 * <p>The build folder ({@code .hcr}) is written by every build; reporting it would make every build
 * trigger another. {@code .git} changes on every commit, fetch and status. Editor swap,
 * backup and probe files ({@code *.swp}, {@code *~}, {@code 4913}, ...) are not sources. Ignored
 * folders are pruned from the watch itself, so they cost no inotify watches, and ignored files are
 * dropped as their events arrive, so they neither appear in a set nor start or prolong a quiet
 * period. Everything else is delivered, whatever its extension (headers, build configuration):
 * the consumer decides what matters to it.
 *
 * <h2>Why rescans</h2>
 *
 * <p>Events can be lost: the kernel's inotify queue and the JDK's per-folder event list both
 * overflow under storms (a {@code git checkout} of thousands of files), and a deleted root takes
 * its watches with it. When that happens the watcher stops trusting events, compares the whole
 * tree with what it knew (identity, time and size of each file), and delivers the difference
 * marked {@link hcr.watcher.ChangeSet#rescan() rescan}, telling the consumer to reconsider
 * everything. A root that is deleted is polled for until it comes back, then watched again.
 *
 * <p>The event source is directory-watcher (io.methvin), which on Linux sits on the JDK's inotify
 * {@code WatchService} and adds recursive registration, including of folders created later. Its
 * file hashing is turned off: it would read every saved file on the event path to suppress
 * no-change events, which the compiler does better with its own content hashes.
 */
package hcr.watcher;
