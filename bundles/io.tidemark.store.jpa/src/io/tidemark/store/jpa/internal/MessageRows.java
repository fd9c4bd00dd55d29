/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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

    /** Inserts messages known to be absent, in one batch. */
    static void insert(Connection c, long mailbox, Collection<MessageRecord> messages) throws SQLException {
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

    /** Replaces every column of messages known to be present, in one batch; content stays. */
    static void update(Connection c, long mailbox, Collection<MessageRecord> messages) throws SQLException {
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

    /** @return whether the message was there to update */
    static boolean updateFlags(Connection c, long mailbox, long uid, Flags flags, long modSeq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE tm_message SET sys_flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")) {
            p.setInt(1, Codec.systemBits(flags));
            p.setString(2, Codec.text(Codec.keywords(flags)));
            p.setLong(3, modSeq);
            p.setLong(4, mailbox);
            p.setLong(5, uid);
            return p.executeUpdate() == 1;
        }
    }

    /** Sets the hidden mark of the held messages among {@code uids}. */
    static void setHidden(Connection c, long mailbox, UidSet uids, boolean hidden) throws SQLException {
        forEachPart(c, "UPDATE tm_message SET hidden = ? WHERE mailbox_id = ? AND ", uids, p -> {
            p.setBoolean(1, hidden);
            p.setLong(2, mailbox);
            return 3;
        });
    }

    /** Removes the held messages among {@code uids}; their content goes with them (cascade). */
    static void delete(Connection c, long mailbox, UidSet uids) throws SQLException {
        forEachPart(c, "DELETE FROM tm_message WHERE mailbox_id = ? AND ", uids, p -> {
            p.setLong(1, mailbox);
            return 2;
        });
    }

    /**
     * Moves one message (and, through {@code ON UPDATE CASCADE}, its content) to another mailbox and UID.
     *
     * @return whether the source was there
     */
    static boolean move(Connection c, long fromMailbox, long fromUid, long toMailbox, long toUid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE tm_message SET mailbox_id = ?, uid = ? WHERE mailbox_id = ? AND uid = ?")) {
            p.setLong(1, toMailbox);
            p.setLong(2, toUid);
            p.setLong(3, fromMailbox);
            p.setLong(4, fromUid);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Gives kept messages their new UIDs in two batches: first to the negated new UID (free, since real UIDs are
     * positive), then to the new UID, so that a new UID equal to another message's old UID never collides.
     */
    static void renumber(Connection c, long mailbox, Renumbering remap) throws SQLException {
        if (remap.size() == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE tm_message SET uid = ? WHERE mailbox_id = ? AND uid = ?")) {
            for (int i = 0; i < remap.size(); i++) {
                p.setLong(1, -remap.newUid(i));
                p.setLong(2, mailbox);
                p.setLong(3, remap.oldUid(i));
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

    /** Old and new UIDs for {@link #renumber}: the pairs of a {@code UidRemap} whose old UID is held. */
    record Renumbering(long[] oldUids, long[] newUids) {
        int size() {
            return oldUids.length;
        }

        long oldUid(int i) {
            return oldUids[i];
        }

        long newUid(int i) {
            return newUids[i];
        }
    }

    // ---- reads ----

    /** @return the UIDs among {@code uids} that the mailbox holds */
    static UidSet held(Connection c, long mailbox, UidSet uids) throws SQLException {
        UidSet.Builder out = UidSet.builder();
        if (uids.isEmpty()) {
            return out.build();
        }
        forEachQueryPart(c, "SELECT uid FROM tm_message WHERE mailbox_id = ? AND ", uids, p -> {
            p.setLong(1, mailbox);
            return 2;
        }, r -> out.add(r.getLong(1)));
        return out.build();
    }

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
     *         may pick one that leaves the mailbox to sort, so the index of the order is named for it
     */
    static String pageSql(Backend backend, MessageOrder order) {
        String orderBy = switch (order) {
            case DATE_DESC -> "mailbox_id DESC, hidden DESC, sort_date DESC, uid DESC";
            case DATE_ASC -> "mailbox_id, hidden, sort_date, uid DESC";
            case SENDER -> "mailbox_id, hidden, sort_sender, uid DESC";
            case SUBJECT -> "mailbox_id, hidden, sort_subject, uid DESC";
            case UID_DESC -> "mailbox_id DESC, hidden DESC, uid DESC";
        };
        String index = switch (order) {
            case DATE_DESC -> "tm_message_date";
            case DATE_ASC -> "tm_message_date_asc";
            case SENDER -> "tm_message_sender";
            case SUBJECT -> "tm_message_subject";
            case UID_DESC -> "tm_message_uid";
        };
        return "SELECT " + COLUMNS + " FROM tm_message" + backend.useIndex(index)
                + " WHERE mailbox_id = ? AND hidden = FALSE ORDER BY " + orderBy + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /** @return the visible and the visible unseen messages */
    static MailboxCounts counts(Connection c, long mailbox) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN MOD(sys_flags, 2) = 1"
                + " THEN 0 ELSE 1 END) FROM tm_message WHERE mailbox_id = ? AND hidden = FALSE")) {
            p.setLong(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new MailboxCounts(r.getLong(1), r.getLong(2));
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
