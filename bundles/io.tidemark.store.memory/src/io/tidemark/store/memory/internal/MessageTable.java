/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.UidSet;
import io.tidemark.store.api.MessageOrder;

/**
 * The messages of one mailbox, sorted by UID: an immutable, persistent structure. The messages sit in
 * chunks of at most {@link #CHUNK}; an {@link Editor} copies only the chunks it changes (and the chunk
 * index), so a transaction that touches a window of a million-message mailbox copies a few kilobytes, and
 * readers keep using the table they started with.
 * <p>
 * Each chunk also keeps the hash codes of its Message-IDs and EMAILIDs, so that a lookup by id scans two
 * {@code int} arrays instead of decoding every message.
 * <p>
 * Immutable and thread-safe once built; the caches of {@link #uids()} and sorted pages are filled lazily,
 * racily and idempotently.
 */
final class MessageTable {

    /** The most messages a chunk holds. */
    static final int CHUNK = 256;

    /** Pages ending before this row are found by a bounded selection instead of a full, cached sort. */
    static final int TOP_K = 2048;

    /** No messages. */
    static final MessageTable EMPTY = new MessageTable(new Chunk[0], 0, 0, 0);

    private final Chunk[] chunks;
    private final int size;
    private final int visible;
    private final int unseenVisible;
    private volatile UidSet uids;
    private final AtomicReferenceArray<StoredMessage[]> sorted = new AtomicReferenceArray<>(
            MessageOrder.values().length);

    private MessageTable(Chunk[] chunks, int size, int visible, int unseenVisible) {
        this.chunks = chunks;
        this.size = size;
        this.visible = visible;
        this.unseenVisible = unseenVisible;
    }

    /** Receives stored messages; may stop the walk. */
    @FunctionalInterface
    interface Visitor {
        /** @return false to stop */
        boolean visit(StoredMessage m) throws CoreException;
    }

    /** @return the number of messages, hidden ones included */
    int size() {
        return size;
    }

    /** @return the number of messages without the hidden mark */
    int visible() {
        return visible;
    }

    /** @return the number of visible messages without {@code \Seen} */
    int unseenVisible() {
        return unseenVisible;
    }

    /** @return the message with this UID, or null */
    StoredMessage get(long uid) {
        return find(Arrays.asList(chunks), uid);
    }

    /** @return every UID held */
    UidSet uids() {
        UidSet u = uids;
        if (u == null) {
            UidSet.Builder b = UidSet.builder();
            for (Chunk c : chunks) {
                for (int i = 0; i < c.n; i++) {
                    b.add(c.items[i].uid);
                }
            }
            u = b.build();
            uids = u;
        }
        return u;
    }

    /**
     * Visits the messages whose UIDs lie in {@code range}, ascending.
     *
     * @return the number of messages visited
     */
    long scan(UidSet range, Visitor visitor) throws CoreException {
        long visited = 0;
        for (int r = 0; r < range.rangeCount(); r++) {
            long to = range.rangeEnd(r);
            Cursor cursor = new Cursor(Arrays.asList(chunks), range.rangeStart(r));
            for (StoredMessage m = cursor.next(); m != null && m.uid <= to; m = cursor.next()) {
                visited++;
                if (!visitor.visit(m)) {
                    return visited;
                }
            }
        }
        return visited;
    }

    /** @return the messages whose Message-ID is exactly {@code messageId}, ascending by UID */
    List<StoredMessage> findByMessageId(String messageId) {
        return findById(messageId, false);
    }

    /** @return the messages whose EMAILID is exactly {@code emailId}, ascending by UID */
    List<StoredMessage> findByEmailId(String emailId) {
        return findById(emailId, true);
    }

    private List<StoredMessage> findById(String id, boolean email) {
        List<StoredMessage> out = new ArrayList<>(1);
        if (id == null) {
            return out;
        }
        int h = hash(id);
        for (Chunk c : chunks) {
            int[] hashes = email ? c.emailHash : c.idHash;
            for (int i = 0; i < c.n; i++) {
                if (hashes[i] == h) {
                    byte[] text = c.items[i].text;
                    if (id.equals(email ? MessageCodec.emailId(text) : MessageCodec.messageId(text))) {
                        out.add(c.items[i]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * One page of visible messages in the given order; see {@link MessageOrder} and the store TCK for the
     * rules (undated messages are oldest, missing sender or subject sorts first, ties by UID descending).
     */
    List<StoredMessage> page(MessageOrder order, int offset, int limit) {
        if (offset >= visible) {
            return List.of();
        }
        int end = (int) Math.min((long) offset + limit, visible);
        if (order == MessageOrder.UID_DESC) {
            return pageByUidDescending(offset, end);
        }
        StoredMessage[] all = sorted.get(order.ordinal());
        if (all == null && end <= TOP_K) {
            return topRows(order, offset, end);
        }
        if (all == null) {
            all = sortVisible(order);
            sorted.set(order.ordinal(), all);
        }
        return List.of(Arrays.copyOfRange(all, offset, end));
    }

    private List<StoredMessage> pageByUidDescending(int offset, int end) {
        List<StoredMessage> out = new ArrayList<>(end - offset);
        int row = 0;
        for (int ci = chunks.length - 1; ci >= 0 && row < end; ci--) {
            Chunk c = chunks[ci];
            for (int i = c.n - 1; i >= 0 && row < end; i--) {
                if (!c.items[i].hidden) {
                    if (row >= offset) {
                        out.add(c.items[i]);
                    }
                    row++;
                }
            }
        }
        return out;
    }

    /** A message with its sort key. */
    private record Keyed(StoredMessage m, long seconds, int nanos, String text) {
    }

    private static Keyed keyed(StoredMessage m, MessageOrder order) {
        return switch (order) {
            case SENDER -> new Keyed(m, 0, 0, MessageCodec.senderKey(m.text));
            case SUBJECT -> new Keyed(m, 0, 0, MessageCodec.subjectKey(m.text));
            default -> {
                Instant d = m.sortDate();
                // an undated message sorts as older than any dated one
                yield d == null ? new Keyed(m, Long.MIN_VALUE, 0, null)
                        : new Keyed(m, d.getEpochSecond(), d.getNano(), null);
            }
        };
    }

    private static Comparator<Keyed> comparator(MessageOrder order) {
        Comparator<Keyed> uidDescending = (a, b) -> Long.compare(b.m.uid, a.m.uid);
        Comparator<Keyed> byDate = Comparator.comparingLong(Keyed::seconds).thenComparingInt(Keyed::nanos);
        return switch (order) {
            case DATE_DESC -> byDate.reversed().thenComparing(uidDescending);
            case DATE_ASC -> byDate.thenComparing(uidDescending);
            case SENDER, SUBJECT -> Comparator.comparing(Keyed::text).thenComparing(uidDescending);
            case UID_DESC -> uidDescending;
        };
    }

    /** Selects rows {@code 0..end-1} with a bounded heap: O(n log end), nothing cached. */
    private List<StoredMessage> topRows(MessageOrder order, int offset, int end) {
        Comparator<Keyed> cmp = comparator(order);
        PriorityQueue<Keyed> worstFirst = new PriorityQueue<>(end + 1, cmp.reversed());
        for (Chunk c : chunks) {
            for (int i = 0; i < c.n; i++) {
                StoredMessage m = c.items[i];
                if (m.hidden) {
                    continue;
                }
                Keyed k = keyed(m, order);
                if (worstFirst.size() < end) {
                    worstFirst.add(k);
                } else if (cmp.compare(k, worstFirst.peek()) < 0) {
                    worstFirst.poll();
                    worstFirst.add(k);
                }
            }
        }
        List<Keyed> best = new ArrayList<>(worstFirst);
        best.sort(cmp);
        List<StoredMessage> out = new ArrayList<>(end - offset);
        for (int i = offset; i < end; i++) {
            out.add(best.get(i).m);
        }
        return out;
    }

    private StoredMessage[] sortVisible(MessageOrder order) {
        Keyed[] keys = new Keyed[visible];
        int n = 0;
        for (Chunk c : chunks) {
            for (int i = 0; i < c.n; i++) {
                if (!c.items[i].hidden) {
                    keys[n++] = keyed(c.items[i], order);
                }
            }
        }
        Arrays.sort(keys, comparator(order));
        StoredMessage[] out = new StoredMessage[n];
        for (int i = 0; i < n; i++) {
            out[i] = keys[i].m;
        }
        return out;
    }

    /** @return an editor whose changes make a new table; this table stays as it is */
    Editor edit() {
        return new Editor(this);
    }

    // -------------------------------------------------------------------------------------------------------

    static int hash(String id) {
        // odd for every id, so that it never equals the 0 of a missing one
        return id == null ? 0 : id.hashCode() | 1;
    }

    /** @return the index of the last chunk whose first UID is at most {@code uid}, or -1 */
    private static int chunkFor(List<Chunk> chunks, long uid) {
        int lo = 0;
        int hi = chunks.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (chunks.get(mid).first() <= uid) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static StoredMessage find(List<Chunk> chunks, long uid) {
        int ci = chunkFor(chunks, uid);
        if (ci < 0) {
            return null;
        }
        Chunk c = chunks.get(ci);
        int i = c.indexOf(uid);
        return i >= 0 ? c.items[i] : null;
    }

    /** Walks the messages from a UID on, ascending. */
    private static final class Cursor {
        private final List<Chunk> chunks;
        private int ci;
        private int pos;

        Cursor(List<Chunk> chunks, long fromUid) {
            this.chunks = chunks;
            int found = chunkFor(chunks, fromUid);
            if (found < 0) {
                ci = 0;
                pos = 0;
            } else {
                ci = found;
                int i = chunks.get(found).indexOf(fromUid);
                pos = i >= 0 ? i : -i - 1;
            }
        }

        StoredMessage next() {
            while (ci < chunks.size()) {
                Chunk c = chunks.get(ci);
                if (pos < c.n) {
                    return c.items[pos++];
                }
                ci++;
                pos = 0;
            }
            return null;
        }
    }

    /** Up to {@link #CHUNK} messages in UID order, with the hashes of their ids. */
    private static final class Chunk {
        /** The editor that may change this chunk in place; no one once the table is built. */
        final Object owner;
        final StoredMessage[] items;
        final int[] idHash;
        final int[] emailHash;
        int n;

        Chunk(Object owner) {
            this.owner = owner;
            items = new StoredMessage[CHUNK];
            idHash = new int[CHUNK];
            emailHash = new int[CHUNK];
        }

        Chunk copy(Object newOwner) {
            Chunk c = new Chunk(newOwner);
            System.arraycopy(items, 0, c.items, 0, n);
            System.arraycopy(idHash, 0, c.idHash, 0, n);
            System.arraycopy(emailHash, 0, c.emailHash, 0, n);
            c.n = n;
            return c;
        }

        long first() {
            return items[0].uid;
        }

        /** @return the index of {@code uid}, or {@code -(insertion point) - 1} */
        int indexOf(long uid) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long v = items[mid].uid;
                if (v < uid) {
                    lo = mid + 1;
                } else if (v > uid) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -lo - 1;
        }

        void set(int i, StoredMessage m) {
            items[i] = m;
            idHash[i] = hash(MessageCodec.messageId(m.text));
            emailHash[i] = hash(MessageCodec.emailId(m.text));
        }

        void insert(int pos, StoredMessage m) {
            System.arraycopy(items, pos, items, pos + 1, n - pos);
            System.arraycopy(idHash, pos, idHash, pos + 1, n - pos);
            System.arraycopy(emailHash, pos, emailHash, pos + 1, n - pos);
            n++;
            set(pos, m);
        }

        void delete(int pos) {
            System.arraycopy(items, pos + 1, items, pos, n - pos - 1);
            System.arraycopy(idHash, pos + 1, idHash, pos, n - pos - 1);
            System.arraycopy(emailHash, pos + 1, emailHash, pos, n - pos - 1);
            n--;
            items[n] = null;
        }

        /** Moves the messages from {@code from} on into a new chunk of the same owner. */
        Chunk splitAt(int from) {
            Chunk right = new Chunk(owner);
            int moved = n - from;
            System.arraycopy(items, from, right.items, 0, moved);
            System.arraycopy(idHash, from, right.idHash, 0, moved);
            System.arraycopy(emailHash, from, right.emailHash, 0, moved);
            right.n = moved;
            Arrays.fill(items, from, n, null);
            n = from;
            return right;
        }

        /** Appends every message of {@code next}, which follows this chunk. */
        void absorb(Chunk next) {
            System.arraycopy(next.items, 0, items, n, next.n);
            System.arraycopy(next.idHash, 0, idHash, n, next.n);
            System.arraycopy(next.emailHash, 0, emailHash, n, next.n);
            n += next.n;
        }
    }

    /**
     * The changes one transaction makes to a table. Copies a chunk the first time it changes it, and the
     * chunk index once. Used by one thread; {@link #freeze()} ends it.
     */
    static final class Editor {
        private final MessageTable base;
        private final Object token = new Object();
        private final ArrayList<Chunk> chunks;
        private int size;
        private int visible;
        private int unseenVisible;
        private boolean changed;
        private boolean frozen;

        private Editor(MessageTable base) {
            this.base = base;
            this.chunks = new ArrayList<>(Arrays.asList(base.chunks));
            this.size = base.size;
            this.visible = base.visible;
            this.unseenVisible = base.unseenVisible;
        }

        int size() {
            return size;
        }

        StoredMessage get(long uid) {
            return find(chunks, uid);
        }

        /** @return the held messages whose UIDs lie in {@code range}, ascending */
        List<StoredMessage> inRange(UidSet range) {
            List<StoredMessage> out = new ArrayList<>();
            for (int r = 0; r < range.rangeCount(); r++) {
                long to = range.rangeEnd(r);
                Cursor cursor = new Cursor(chunks, range.rangeStart(r));
                for (StoredMessage m = cursor.next(); m != null && m.uid <= to; m = cursor.next()) {
                    out.add(m);
                }
            }
            return out;
        }

        private Chunk own(int ci) {
            Chunk c = chunks.get(ci);
            if (c.owner != token) {
                c = c.copy(token);
                chunks.set(ci, c);
            }
            return c;
        }

        private void count(StoredMessage m, int sign) {
            if (!m.hidden) {
                visible += sign;
                if (m.unseen()) {
                    unseenVisible += sign;
                }
            }
        }

        /**
         * Inserts or replaces by UID.
         *
         * @return the message replaced, or null
         */
        StoredMessage put(StoredMessage m) {
            check();
            changed = true;
            if (chunks.isEmpty()) {
                Chunk c = new Chunk(token);
                c.insert(0, m);
                chunks.add(c);
                size++;
                count(m, 1);
                return null;
            }
            int ci = Math.max(0, chunkFor(chunks, m.uid));
            int i = chunks.get(ci).indexOf(m.uid);
            if (i >= 0) {
                Chunk c = own(ci);
                StoredMessage previous = c.items[i];
                c.set(i, m);
                count(previous, -1);
                count(m, 1);
                return previous;
            }
            int pos = -i - 1;
            Chunk c = own(ci);
            if (c.n < CHUNK) {
                c.insert(pos, m);
            } else if (pos == c.n && ci == chunks.size() - 1) {
                // past the end of the last chunk, which is full: the usual case of new mail in ascending UIDs,
                // which so fills chunks completely
                Chunk fresh = new Chunk(token);
                fresh.insert(0, m);
                chunks.add(fresh);
            } else {
                Chunk right = c.splitAt(CHUNK / 2);
                chunks.add(ci + 1, right);
                if (pos <= CHUNK / 2) {
                    c.insert(pos, m);
                } else {
                    right.insert(pos - CHUNK / 2, m);
                }
            }
            size++;
            count(m, 1);
            return null;
        }

        /** @return the message removed, or null if none had this UID */
        StoredMessage remove(long uid) {
            check();
            int ci = chunkFor(chunks, uid);
            if (ci < 0) {
                return null;
            }
            int i = chunks.get(ci).indexOf(uid);
            if (i < 0) {
                return null;
            }
            changed = true;
            Chunk c = own(ci);
            StoredMessage removed = c.items[i];
            c.delete(i);
            if (c.n == 0) {
                chunks.remove(ci);
            } else if (c.n < CHUNK / 4 && ci + 1 < chunks.size() && c.n + chunks.get(ci + 1).n <= CHUNK) {
                // keep chunks reasonably full after mass removals
                c.absorb(chunks.get(ci + 1));
                chunks.remove(ci + 1);
            }
            size--;
            count(removed, -1);
            return removed;
        }

        /** Drops every message. */
        void clear() {
            check();
            changed = true;
            chunks.clear();
            size = 0;
            visible = 0;
            unseenVisible = 0;
        }

        /** @return the table with the changes; this editor is then done */
        MessageTable freeze() {
            check();
            frozen = true;
            if (!changed) {
                return base;
            }
            return size == 0 ? EMPTY : new MessageTable(chunks.toArray(Chunk[]::new), size, visible, unseenVisible);
        }

        private void check() {
            if (frozen) {
                throw new IllegalStateException("editor already frozen");
            }
        }
    }
}
