/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.Flags;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.MessageVisitor;

/**
 * The hot paths on {@code tm_message}: window-sized upserts and deletes as JDBC batches, pages read through
 * an index, scans in bounded batches. Runs on the connection of the caller's transaction (inside a write, the
 * EntityManager's own connection), so it commits or rolls back with everything else. Stateless.
 */
final class MessageRows {

    /** The most UIDs named in one {@code IN} list; scattered sets are sent in chunks of this size. */
    private static final int IN_CHUNK = 100;

    /** Rows a scan holds in memory at once. */
    static final int SCAN_BATCH = 500;

    static final String COLUMNS = "uid, sys_flags, keywords, modseq, size, internal_date, message_id, email_id,"
            + " envelope, hidden";

    private static final String INSERT = "INSERT INTO tm_message (mailbox_id, uid, sys_flags, keywords, modseq,"
            + " size, internal_date, message_id, email_id, envelope, hidden, sort_date, sort_sender, sort_subject)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE = "UPDATE tm_message SET sys_flags = ?, keywords = ?, modseq = ?, size = ?,"
            + " internal_date = ?, message_id = ?, email_id = ?, envelope = ?, hidden = ?, sort_date = ?,"
            + " sort_sender = ?, sort_subject = ? WHERE mailbox_id = ? AND uid = ?";

    private MessageRows() {
    }

    // ---- writes ----

    /**
     * What a message adds to its mailbox's counters ({@code tm_mailbox.visible_count} and {@code unseen_count}),
     * which every write keeps up to date in the same transaction, so that {@link #counts} reads two columns
     * instead of counting a large mailbox.
     */
    record Tally(long visible, long unseen) {
        static final Tally NONE = new Tally(0, 0);

        static Tally of(int systemBits, boolean hidden) {
            return hidden ? NONE : new Tally(1, (systemBits & Codec.bit(io.tidemark.model.SystemFlag.SEEN)) == 0 ? 1 : 0);
        }

        static Tally of(MessageRecord m) {
            return m == null ? NONE : of(Codec.systemBits(m.flags()), m.hidden());
        }

        Tally plus(Tally o) {
            return new Tally(visible + o.visible, unseen + o.unseen);
        }

        Tally minus(Tally o) {
            return new Tally(visible - o.visible, unseen - o.unseen);
        }
    }

    /** The flags and hidden mark of a held message: what its tally depends on. */
    private record Mark(long uid, int systemBits, boolean hidden) {
        Tally tally() {
            return Tally.of(systemBits, hidden);
        }
    }

    /** What an upsert did. */
    record Upsert(UidSet added, UidSet changed) {
    }

    /**
     * Inserts or replaces a window of messages: one query reads the rows the window already has, then new rows
     * go in one INSERT batch, rows whose flags, MODSEQ or hidden mark alone changed (what a flag resync brings)
     * in a narrow UPDATE batch that leaves the indexed sort keys alone, other changed rows in a full UPDATE batch,
     * and identical rows are not written at all. Content stays.
     */
    static Upsert upsert(Connection c, long mailbox, Collection<MessageRecord> messages) throws SQLException {
        Map<Long, MessageRecord> byUid = new LinkedHashMap<>();
        UidSet.Builder all = UidSet.builder();
        for (MessageRecord r : messages) {
            byUid.put(r.uid(), r); // the last of a UID given twice wins
            all.add(r.uid());
        }
        Map<Long, MessageRecord> old = existing(c, mailbox, all.build());
        List<MessageRecord> inserts = new ArrayList<>();
        List<MessageRecord> flagsOnly = new ArrayList<>();
        List<MessageRecord> full = new ArrayList<>();
        UidSet.Builder added = UidSet.builder();
        UidSet.Builder changed = UidSet.builder();
        Tally delta = Tally.NONE;
        for (MessageRecord r : byUid.values()) {
            MessageRecord before = old.get(r.uid());
            if (before == null) {
                inserts.add(r);
                added.add(r.uid());
            } else if (!before.equals(r)) {
                (before.withFlags(r.flags(), r.modSeq()).withHidden(r.hidden()).equals(r) ? flagsOnly : full).add(r);
                changed.add(r.uid());
            } else {
                continue;
            }
            delta = delta.plus(Tally.of(r)).minus(Tally.of(before));
        }
        for (int i = 0; i < inserts.size(); i += Database.BATCH) {
            insert(c, mailbox, inserts.subList(i, Math.min(inserts.size(), i + Database.BATCH)));
        }
        for (int i = 0; i < flagsOnly.size(); i += Database.BATCH) {
            updateFlagsOnly(c, mailbox, flagsOnly.subList(i, Math.min(flagsOnly.size(), i + Database.BATCH)));
        }
        for (int i = 0; i < full.size(); i += Database.BATCH) {
            update(c, mailbox, full.subList(i, Math.min(full.size(), i + Database.BATCH)));
        }
        adjust(c, mailbox, delta);
        return new Upsert(added.build(), changed.build());
    }

    /** Inserts messages known to be absent, in one batch; the caller adjusts the counters. */
    private static void insert(Connection c, long mailbox, Collection<MessageRecord> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            for (MessageRecord m : messages) {
                p.setLong(1, mailbox);
                p.setLong(2, m.uid());
                setColumns(p, 3, m);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Replaces every column of messages known to be present, in one batch; the caller adjusts the counters. */
    private static void update(Connection c, long mailbox, Collection<MessageRecord> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(UPDATE)) {
            for (MessageRecord m : messages) {
                setColumns(p, 1, m);
                p.setLong(13, mailbox);
                p.setLong(14, m.uid());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Sets flags, MODSEQ and hidden mark of present messages, in one batch. */
    private static void updateFlagsOnly(Connection c, long mailbox, Collection<MessageRecord> messages)
            throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE tm_message SET sys_flags = ?, keywords = ?, modseq = ?,"
                + " hidden = ? WHERE mailbox_id = ? AND uid = ?")) {
            for (MessageRecord m : messages) {
                p.setInt(1, Codec.systemBits(m.flags()));
                p.setString(2, Codec.text(Codec.keywords(m.flags())));
                p.setLong(3, m.modSeq());
                p.setBoolean(4, m.hidden());
                p.setLong(5, mailbox);
                p.setLong(6, m.uid());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Sets the 12 value columns (sys_flags ... sort_subject) from {@code i}. */
    private static void setColumns(PreparedStatement p, int i, MessageRecord m) throws SQLException {
        p.setInt(i, Codec.systemBits(m.flags()));
        p.setString(i + 1, Codec.text(Codec.keywords(m.flags())));
        p.setLong(i + 2, m.modSeq());
        p.setLong(i + 3, m.size());
        setLong(p, i + 4, Codec.nanos(m.internalDate()));
        p.setString(i + 5, Codec.text(m.messageId()));
        p.setString(i + 6, Codec.text(m.emailId()));
        byte[] env = Codec.envelope(m.envelope());
        if (env == null) {
            p.setNull(i + 7, Types.VARBINARY);
        } else {
            p.setBytes(i + 7, env);
        }
        p.setBoolean(i + 8, m.hidden());
        p.setLong(i + 9, Codec.sortDate(m.internalDate(), m.envelope()));
        p.setString(i + 10, Codec.sortSender(m.envelope()));
        p.setString(i + 11, Codec.sortSubject(m.envelope()));
    }

    private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, v);
        }
    }

    /** How {@link #updateFlags} ended. */
    enum FlagUpdate {
        /** No such message. */
        ABSENT,
        /** The message had these flags and MODSEQ already; nothing written. */
        SAME,
        /** Written. */
        CHANGED
    }

    static FlagUpdate updateFlags(Connection c, long mailbox, long uid, Flags flags, long modSeq) throws SQLException {
        int bits = Codec.systemBits(flags);
        String keywords = Codec.text(Codec.keywords(flags));
        Mark before;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT sys_flags, keywords, modseq, hidden FROM tm_message WHERE mailbox_id = ? AND uid = ?")) {
            p.setLong(1, mailbox);
            p.setLong(2, uid);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return FlagUpdate.ABSENT;
                }
                if (r.getInt(1) == bits && java.util.Objects.equals(r.getString(2), keywords) && r.getLong(3) == modSeq) {
                    return FlagUpdate.SAME;
                }
                before = new Mark(uid, r.getInt(1), r.getBoolean(4));
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE tm_message SET sys_flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")) {
            p.setInt(1, bits);
            p.setString(2, keywords);
            p.setLong(3, modSeq);
            p.setLong(4, mailbox);
            p.setLong(5, uid);
            p.executeUpdate();
        }
        adjust(c, mailbox, Tally.of(bits, before.hidden()).minus(before.tally()));
        return FlagUpdate.CHANGED;
    }

    /** Sets the hidden mark of the held messages among {@code uids}; @return those whose mark changed */
    static UidSet setHidden(Connection c, long mailbox, UidSet uids, boolean hidden) throws SQLException {
        UidSet.Builder changing = UidSet.builder();
        Tally delta = Tally.NONE;
        for (Mark m : marks(c, mailbox, uids)) {
            if (m.hidden() != hidden) {
                changing.add(m.uid());
                delta = delta.plus(Tally.of(m.systemBits(), hidden)).minus(m.tally());
            }
        }
        UidSet changed = changing.build();
        forEachPart(c, "UPDATE tm_message SET hidden = ? WHERE mailbox_id = ? AND ", changed, p -> {
            p.setBoolean(1, hidden);
            p.setLong(2, mailbox);
            return 3;
        });
        adjust(c, mailbox, delta);
        return changed;
    }

    /** Removes the held messages among {@code uids} with their content (cascade); @return those removed */
    static UidSet delete(Connection c, long mailbox, UidSet uids) throws SQLException {
        UidSet.Builder held = UidSet.builder();
        Tally delta = Tally.NONE;
        for (Mark m : marks(c, mailbox, uids)) {
            held.add(m.uid());
            delta = delta.minus(m.tally());
        }
        UidSet removed = held.build();
        forEachPart(c, "DELETE FROM tm_message WHERE mailbox_id = ? AND ", removed, p -> {
            p.setLong(1, mailbox);
            return 2;
        });
        adjust(c, mailbox, delta);
        return removed;
    }

    /**
     * Moves one message, and through {@code ON UPDATE CASCADE} its content, to another mailbox and UID,
     * replacing a message held there; with {@code updated}, its columns then take that record's values.
     *
     * @return whether a message held at the target was replaced, or null if the source is not held
     */
    static Boolean relink(Connection c, long fromMailbox, long fromUid, long toMailbox, long toUid,
            MessageRecord updated) throws SQLException {
        MessageRecord source = get(c, fromMailbox, fromUid);
        if (source == null) {
            return null;
        }
        boolean replaced = false;
        if (fromMailbox != toMailbox || fromUid != toUid) {
            replaced = !delete(c, toMailbox, UidSet.of(toUid)).isEmpty();
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE tm_message SET mailbox_id = ?, uid = ? WHERE mailbox_id = ? AND uid = ?")) {
                p.setLong(1, toMailbox);
                p.setLong(2, toUid);
                p.setLong(3, fromMailbox);
                p.setLong(4, fromUid);
                p.executeUpdate();
            }
            adjust(c, fromMailbox, Tally.NONE.minus(Tally.of(source)));
            adjust(c, toMailbox, Tally.of(source));
        }
        if (updated != null) {
            upsert(c, toMailbox, List.of(updated.withUid(toUid)));
        }
        return replaced;
    }

    /**
     * Moves a mailbox to a new epoch: removes every held message not in the remap and gives the kept ones
     * their new UIDs in two batches (first the negated new UID, free since real UIDs are positive, then the new
     * UID), so that a new UID equal to another message's old UID never collides.
     *
     * @return the old UIDs removed and the new UIDs of the messages kept
     */
    static UidSet[] reset(Connection c, long mailbox, io.tidemark.store.api.UidRemap keep) throws SQLException {
        UidSet held = uids(c, mailbox);
        List<long[]> pairs = new ArrayList<>();
        UidSet.Builder keptOld = UidSet.builder();
        UidSet.Builder keptNew = UidSet.builder();
        for (int i = 0; i < keep.size(); i++) {
            if (held.contains(keep.oldUid(i))) {
                pairs.add(new long[] { keep.oldUid(i), keep.newUid(i) });
                keptOld.add(keep.oldUid(i));
                keptNew.add(keep.newUid(i));
            }
        }
        UidSet removed = delete(c, mailbox, held.minus(keptOld.build()));
        if (!pairs.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE tm_message SET uid = ? WHERE mailbox_id = ? AND uid = ?")) {
                for (long[] pair : pairs) {
                    p.setLong(1, -pair[1]);
                    p.setLong(2, mailbox);
                    p.setLong(3, pair[0]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE tm_message SET uid = -uid WHERE mailbox_id = ? AND uid < 0")) {
                p.setLong(1, mailbox);
                p.executeUpdate();
            }
        }
        return new UidSet[] { removed, keptNew.build() };
    }

    /** Adds {@code delta} to the mailbox's counters. */
    private static void adjust(Connection c, long mailbox, Tally delta) throws SQLException {
        if (delta.visible() == 0 && delta.unseen() == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE tm_mailbox SET visible_count = visible_count + ?,"
                + " unseen_count = unseen_count + ? WHERE id = ?")) {
            p.setLong(1, delta.visible());
            p.setLong(2, delta.unseen());
            p.setLong(3, mailbox);
            p.executeUpdate();
        }
    }

    /** Sets every mailbox's counters from its messages (after a migration). */
    static void recountAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tm_mailbox SET"
                    + " visible_count = (SELECT COUNT(*) FROM tm_message m WHERE m.mailbox_id = tm_mailbox.id"
                    + " AND m.hidden = FALSE),"
                    + " unseen_count = (SELECT COUNT(*) FROM tm_message m WHERE m.mailbox_id = tm_mailbox.id"
                    + " AND m.hidden = FALSE AND MOD(m.sys_flags, 2) = 0)");
        }
    }

    private static List<Mark> marks(Connection c, long mailbox, UidSet uids) throws SQLException {
        List<Mark> out = new ArrayList<>();
        if (uids.isEmpty()) {
            return out;
        }
        forEachQueryPart(c, "SELECT uid, sys_flags, hidden FROM tm_message WHERE mailbox_id = ? AND ", uids, p -> {
            p.setLong(1, mailbox);
            return 2;
        }, r -> out.add(new Mark(r.getLong(1), r.getInt(2), r.getBoolean(3))));
        return out;
    }

    /** @return the held messages among {@code uids}, by UID */
    private static Map<Long, MessageRecord> existing(Connection c, long mailbox, UidSet uids) throws SQLException {
        Map<Long, MessageRecord> out = new HashMap<>();
        if (uids.isEmpty()) {
            return out;
        }
        forEachQueryPart(c, "SELECT " + COLUMNS + " FROM tm_message WHERE mailbox_id = ? AND ", uids, p -> {
            p.setLong(1, mailbox);
            return 2;
        }, r -> {
            MessageRecord m = record(r, 1);
            out.put(m.uid(), m);
        });
        return out;
    }

    // ---- reads ----

    /** @return every UID the mailbox holds, read in UID order through the primary key */
    static UidSet uids(Connection c, long mailbox) throws SQLException {
        UidSet.Builder out = UidSet.builder();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT uid FROM tm_message WHERE mailbox_id = ? ORDER BY mailbox_id, uid")) {
            p.setFetchSize(10_000);
            p.setLong(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
        }
        return out.build();
    }

    /** @return one message, or null */
    static MessageRecord get(Connection c, long mailbox, long uid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM tm_message WHERE mailbox_id = ? AND uid = ?")) {
            p.setLong(1, mailbox);
            p.setLong(2, uid);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? record(r, 1) : null;
            }
        }
    }

    /**
     * One page of visible messages. The ORDER BY names the index's leading columns too, in the index's
     * direction, so that H2 reads the index in order (forwards or backwards) and stops after the page instead of
     * sorting the mailbox; PostgreSQL does the same with or without them.
     */
    static List<MessageRecord> page(Connection c, Backend backend, long mailbox, MessageOrder order, int offset,
            int limit) throws SQLException {
        List<MessageRecord> out = new ArrayList<>(Math.min(limit, 1000));
        try (PreparedStatement p = c.prepareStatement(pageSql(backend, order))) {
            p.setLong(1, mailbox);
            p.setLong(2, offset);
            p.setLong(3, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(record(r, 1));
                }
            }
        }
        return out;
    }

    /**
     * @return the query of a page in {@code order}; parameters: mailbox id, offset, limit. H2's planner picks
     *         an index by its WHERE clause alone and, with several indexes starting {@code (mailbox_id, hidden)},
     *         may pick one that leaves the mailbox to sort, so the index of the order is named for it (for sender
     *         and subject, which have none, the UID index finds the visible rows to sort)
     */
    static String pageSql(Backend backend, MessageOrder order) {
        String orderBy = switch (order) {
            case DATE_DESC -> "mailbox_id DESC, hidden DESC, sort_date DESC, uid DESC";
            case DATE_ASC -> "mailbox_id, hidden, sort_date, uid DESC";
            case SENDER -> "sort_sender, uid DESC";
            case SUBJECT -> "sort_subject, uid DESC";
            case UID_DESC -> "mailbox_id DESC, hidden DESC, uid DESC";
        };
        String index = switch (order) {
            case DATE_DESC -> "tm_message_date";
            case DATE_ASC -> "tm_message_date_asc";
            case UID_DESC, SENDER, SUBJECT -> "tm_message_uid"; // sender and subject: the visible rows, sorted
        };
        return "SELECT " + COLUMNS + " FROM tm_message" + backend.useIndex(index)
                + " WHERE mailbox_id = ? AND hidden = FALSE ORDER BY " + orderBy + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /** @return the visible and the visible unseen messages: the mailbox's counters, kept by every write */
    static MailboxCounts counts(Connection c, long mailbox) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT visible_count, unseen_count FROM tm_mailbox WHERE id = ?")) {
            p.setLong(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new MailboxCounts(r.getLong(1), r.getLong(2)) : MailboxCounts.EMPTY;
            }
        }
    }

    /**
     * Visits the messages in {@code range} in UID order, {@link #SCAN_BATCH} rows at a time (keyset paging on
     * the primary key). The caller runs this in one repeatable-read transaction, so every batch comes from the
     * same snapshot.
     *
     * @return the number of messages visited
     */
    static long scan(Connection c, long mailbox, UidSet range, MessageVisitor visitor)
            throws SQLException, CoreException {
        long visited = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM tm_message WHERE mailbox_id = ?"
                + " AND uid >= ? AND uid <= ? ORDER BY mailbox_id, uid FETCH FIRST " + SCAN_BATCH + " ROWS ONLY")) {
            for (int i = 0; i < range.rangeCount(); i++) {
                long next = range.rangeStart(i);
                long end = range.rangeEnd(i);
                while (next <= end) {
                    List<MessageRecord> batch = new ArrayList<>(SCAN_BATCH);
                    p.setLong(1, mailbox);
                    p.setLong(2, next);
                    p.setLong(3, end);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            batch.add(record(r, 1));
                        }
                    }
                    // the visitor runs outside the result set: it may read the store (other connections) at will
                    for (MessageRecord m : batch) {
                        visited++;
                        if (!visitor.visit(m)) {
                            return visited;
                        }
                    }
                    if (batch.size() < SCAN_BATCH) {
                        break;
                    }
                    next = batch.get(batch.size() - 1).uid() + 1;
                }
            }
        }
        return visited;
    }

    /** @return the record of the row at column {@code i} onwards ({@link #COLUMNS} order) */
    static MessageRecord record(ResultSet r, int i) throws SQLException {
        long internal = r.getLong(i + 5);
        Long internalDate = r.wasNull() ? null : internal;
        return new MessageRecord(r.getLong(i), Codec.flags(r.getInt(i + 1), r.getString(i + 2)), r.getLong(i + 3),
                r.getLong(i + 4), Codec.instant(internalDate), r.getString(i + 6), r.getString(i + 7),
                Codec.envelope(r.getBytes(i + 8)), r.getBoolean(i + 9));
    }

    // ---- UID sets as SQL conditions ----

    @FunctionalInterface
    private interface Binder {
        /** Binds the leading parameters; @return the index of the first UID parameter */
        int bind(PreparedStatement p) throws SQLException;
    }

    @FunctionalInterface
    private interface RowSink {
        void row(ResultSet r) throws SQLException;
    }

    /**
     * Runs {@code prefix + condition} for the ranges of {@code uids} as one batch: each range of more than one
     * UID as {@code uid BETWEEN ? AND ?}, single UIDs gathered into {@code uid IN (...)} of up to
     * {@link #IN_CHUNK}. A window's contiguous ranges cost one statement each, scattered UIDs one per chunk.
     */
    private static void forEachPart(Connection c, String prefix, UidSet uids, Binder binder)
            throws SQLException {
        if (uids.isEmpty()) {
            return;
        }
        List<long[]> ranges = new ArrayList<>();
        List<Long> singles = new ArrayList<>();
        split(uids, ranges, singles);
        if (!ranges.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(prefix + "uid BETWEEN ? AND ?")) {
                for (long[] range : ranges) {
                    int i = binder.bind(p);
                    p.setLong(i, range[0]);
                    p.setLong(i + 1, range[1]);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        for (int from = 0; from < singles.size(); from += IN_CHUNK) {
            List<Long> chunk = singles.subList(from, Math.min(singles.size(), from + IN_CHUNK));
            try (PreparedStatement p = c.prepareStatement(prefix + "uid IN (" + placeholders(chunk.size()) + ")")) {
                int i = binder.bind(p);
                for (Long uid : chunk) {
                    p.setLong(i++, uid);
                }
                p.executeUpdate();
            }
        }
    }

    private static void forEachQueryPart(Connection c, String prefix, UidSet uids, Binder binder, RowSink sink)
            throws SQLException {
        List<long[]> ranges = new ArrayList<>();
        List<Long> singles = new ArrayList<>();
        split(uids, ranges, singles);
        if (!ranges.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(prefix + "uid BETWEEN ? AND ?")) {
                for (long[] range : ranges) {
                    int i = binder.bind(p);
                    p.setLong(i, range[0]);
                    p.setLong(i + 1, range[1]);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            sink.row(r);
                        }
                    }
                }
            }
        }
        for (int from = 0; from < singles.size(); from += IN_CHUNK) {
            List<Long> chunk = singles.subList(from, Math.min(singles.size(), from + IN_CHUNK));
            try (PreparedStatement p = c.prepareStatement(prefix + "uid IN (" + placeholders(chunk.size()) + ")")) {
                int i = binder.bind(p);
                for (Long uid : chunk) {
                    p.setLong(i++, uid);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        sink.row(r);
                    }
                }
            }
        }
    }

    private static void split(UidSet uids, List<long[]> ranges, List<Long> singles) {
        for (int i = 0; i < uids.rangeCount(); i++) {
            long s = uids.rangeStart(i);
            long e = uids.rangeEnd(i);
            if (s == e) {
                singles.add(s);
            } else {
                ranges.add(new long[] { s, e });
            }
        }
    }

    private static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }
}
