package hcr.compiler.link;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code .gnu.hash} table of the linked library, the one the dynamic loader searches for
 * a library's exports: one bloom word, about one bucket for two names, and the exported
 * symbols at the end of {@code .dynsym} ordered by bucket so each bucket's chain is a run.
 */
final class GnuHash {
    static final int BLOOM_WORDS = 1;
    private static final int SHIFT = 6;

    private GnuHash() {
    }

    /** How many buckets the table for {@code exported} names has. */
    static int buckets(int exported) {
        return Math.max(1, exported / 2 + (exported > 0 ? 1 : 0));
    }

    /** The table's size in bytes. */
    static long size(int buckets, int exported) {
        return 16 + 8L * BLOOM_WORDS + 4L * buckets + 4L * exported;
    }

    /** The bucket of {@code name}. */
    static long bucket(String name, int buckets) {
        return Integer.toUnsignedLong(hash(name)) % buckets;
    }

    /** Writes the table for {@code exported} (sorted by bucket, from .dynsym index {@code symbolOffset}) at {@code section}. */
    static void write(ByteBuffer out, OutputSection section, int buckets, List<ObjectFile.Symbol> exported,
                      int symbolOffset) {
        long[] bloom = new long[BLOOM_WORDS];
        int[] bucket = new int[buckets];
        int[] chain = new int[exported.size()];
        for (int i = 0; i < exported.size(); i++) {
            int h = hash(exported.get(i).name());
            long hu = Integer.toUnsignedLong(h);
            int word = (int) ((hu / 64) % BLOOM_WORDS);
            bloom[word] |= 1L << (hu % 64);
            bloom[word] |= 1L << ((hu >>> SHIFT) % 64);
            int b = (int) (hu % buckets);
            if (bucket[b] == 0) {
                bucket[b] = symbolOffset + i;
            }
            boolean last = i == exported.size() - 1 || bucket(exported.get(i + 1).name(), buckets) != b;
            chain[i] = last ? (h | 1) : (h & ~1);
        }
        out.position(Math.toIntExact(section.offset));
        out.putInt(buckets).putInt(symbolOffset).putInt(BLOOM_WORDS).putInt(SHIFT);
        for (long w : bloom) {
            out.putLong(w);
        }
        for (int b : bucket) {
            out.putInt(b);
        }
        for (int c : chain) {
            out.putInt(c);
        }
    }

    static int hash(String name) {
        int h = 5381;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = h * 33 + (b & 0xff);
        }
        return h;
    }
}
