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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.MessageVisitor;
import io.tidemark.store.api.UidRemap;

/**
 * The hot paths on messages: window-sized upserts and deletes as JDBC batches, pages read through an index,
 * scans in bounded batches. Runs on the connection of the caller's transaction (inside a write, the
 * EntityManager's own connection), so it commits or rolls back with everything else. Stateless.
 * <p>
 * A message is a row of {@code tm_message} (what never changes after the first sync, the hidden mark, the sort
 * keys and their indexes) and a row of {@code tm_message_flags} (flags and MODSEQ, which change all the time). H2
 * rewrites every index of a table for any updated row; measured on 100,000 messages in windows of 1,000, flag
 * updates took 4.2 s on the indexed table and 0.8 s on the narrow one.
 */
final class MessageRows {

    /** The most UIDs named in one {@code IN} list; scattered sets are sent in chunks of this size. */
    private static final int IN_CHUNK = 100;

    /** Rows a scan holds in memory at once. */
    static final int SCAN_BATCH = 500;

    /** The deepest page end for which H2 pages by sender or subject are picked in Java (memory: ~150 B a row). */
    static final int TOP_N_LIMIT = 20_000;

    /** The {@code tm_message} columns of a record, in {@link #body} order. */
    static final String BODY = "uid, size, internal_date, message_id, email_id, envelope, hidden";

    private static final String JOINED = "SELECT m.uid, m.size, m.internal_date, m.message_id, m.email_id, m.envelope,"
            + " m.hidden, f.sys_flags, f.keywords, f.modseq FROM tm_message m JOIN tm_message_flags f"
            + " ON f.mailbox_id = m.mailbox_id AND f.uid = m.uid";

    private static final String INSERT = "INSERT INTO tm_message (mailbox_id, uid, size, internal_date, message_id,"
            + " email_id, envelope, hidden, sort_date, sort_sender, sort_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String INSERT_FLAGS = "INSERT INTO tm_message_flags (mailbox_id, uid, sys_flags, keywords,"
            + " modseq) VALUES (?, ?, ?, ?, ?)";

    private static final String UPDATE = "UPDATE tm_message SET size = ?, internal_date = ?, message_id = ?,"
            + " email_id = ?, envelope = ?, hidden = ?, sort_date = ?, sort_sender = ?, sort_subject = ?"
            + " WHERE mailbox_id = ? AND uid = ?";

    private static final String UPDATE_FLAGS = "UPDATE tm_message_flags SET sys_flags = ?, keywords = ?, modseq = ?"
            + " WHERE mailbox_id = ? AND uid = ?";

    private MessageRows() {
    }

    // ---- counters ----

    /**
     * What a message adds to its mailbox's counters ({@code tm_mailbox.visible_count} and {@code unseen_count}),
     * which every write keeps up to date in the same transaction, so that {@link #counts} reads two columns
     * instead of counting a large mailbox.
     */
    record Tally(long visible, long unseen) {
        static final Tally NONE = new Tally(0, 0);

        static Tally of(int systemBits, boolean hidden) {
            return hidden ? NONE : new Tally(1, (systemBits & Codec.bit(SystemFlag.SEEN)) == 0 ? 1 : 0);
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
                    + " unseen_count = (SELECT COUNT(*) FROM tm_message m JOIN tm_message_flags f"
                    + " ON f.mailbox_id = m.mailbox_id AND f.uid = m.uid WHERE m.mailbox_id = tm_mailbox.id"
                    + " AND m.hidden = FALSE AND MOD(f.sys_flags, 2) = 0)");
        }
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

    // ---- writes ----

    /** What an upsert did. */
    record Upsert(UidSet added, UidSet changed) {
    }

    /**
     * Inserts or replaces a window of messages. One query reads what the window holds already; then new messages
     * go in as one INSERT batch per table, changed flags or MODSEQs as one batch on the narrow flags table, other
     * changes as one batch on the message table, and identical messages are not written at all. Content stays.
     */
    static Upsert upsert(Connection c, long mailbox, Collection<MessageRecord> messages) throws SQLException {
        Map<Long, MessageRecord> byUid = new LinkedHashMap<>();
        UidSet.Builder all = UidSet.builder();
        for (MessageRecord r : messages) {
            byUid.put(r.uid(), r); // the last of a UID given twice wins
            all.add(r.uid());
        }
        Map<Long, MessageRecord> old = held(c, mailbox, all.build());
        List<MessageRecord> inserts = new ArrayList<>();
        List<MessageRecord> bodies = new ArrayList<>();
        List<MessageRecord> flags = new ArrayList<>();
        UidSet.Builder added = UidSet.builder();
        UidSet.Builder changed = UidSet.builder();
        Tally delta = Tally.NONE;
        for (MessageRecord r : byUid.values()) {
            MessageRecord before = old.get(r.uid());
            if (before == null) {
                inserts.add(r);
                added.add(r.uid());
            } else if (!before.equals(r)) {
                boolean flagsDiffer = !before.flags().equals(r.flags()) || before.modSeq() != r.modSeq();
                if (flagsDiffer) {
                    flags.add(r);
                }
                if (!before.withFlags(r.flags(), r.modSeq()).equals(r)) {
                    bodies.add(r);
                }
                changed.add(r.uid());
            } else {
                continue;
            }
            delta = delta.plus(Tally.of(r)).minus(Tally.of(before));
        }
        batch(c, INSERT, inserts, (p, m) -> {
            p.setLong(1, mailbox);
            p.setLong(2, m.uid());
            setBody(p, 3, m);
        });
        batch(c, INSERT_FLAGS, inserts, (p, m) -> {
            p.setLong(1, mailbox);
            p.setLong(2, m.uid());
            setFlags(p, 3, m.flags(), m.modSeq());
        });
        batch(c, UPDATE, bodies, (p, m) -> {
            setBody(p, 1, m);
            p.setLong(10, mailbox);
            p.setLong(11, m.uid());
        });
        batch(c, UPDATE_FLAGS, flags, (p, m) -> {
            setFlags(p, 1, m.flags(), m.modSeq());
            p.setLong(4, mailbox);
            p.setLong(5, m.uid());
        });
        adjust(c, mailbox, delta);
        return new Upsert(added.build(), changed.build());
    }

    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement p, MessageRecord m) throws SQLException;
    }

    /** Runs {@code sql} once per message as JDBC batches of {@link Database#BATCH}. */
    private static void batch(Connection c, String sql, List<MessageRecord> messages, RowBinder binder)
            throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int n = 0;
            for (MessageRecord m : messages) {
                binder.bind(p, m);
                p.addBatch();
                if (++n % Database.BATCH == 0) {
                    p.executeBatch();
                }
            }
            if (n % Database.BATCH != 0) {
                p.executeBatch();
            }
        }
    }

    /** Sets the 9 {@code tm_message} value columns (size ... sort_subject) from {@code i}. */
    private static void setBody(PreparedStatement p, int i, MessageRecord m) throws SQLException {
        p.setLong(i, m.size());
        Long internal = Codec.nanos(m.internalDate());
        if (internal == null) {
            p.setNull(i + 1, Types.BIGINT);
        } else {
            p.setLong(i + 1, internal);
        }
        p.setString(i + 2, Codec.text(m.messageId()));
        p.setString(i + 3, Codec.text(m.emailId()));
        byte[] env = Codec.envelope(m.envelope());
        if (env == null) {
            p.setNull(i + 4, Types.VARBINARY);
        } else {
            p.setBytes(i + 4, env);
        }
        p.setBoolean(i + 5, m.hidden());
        p.setLong(i + 6, Codec.sortDate(m.internalDate(), m.envelope()));
        p.setString(i + 7, Codec.sortSender(m.envelope()));
        p.setString(i + 8, Codec.sortSubject(m.envelope()));
    }

    /** Sets sys_flags, keywords and modseq from {@code i}. */
    private static void setFlags(PreparedStatement p, int i, Flags flags, long modSeq) throws SQLException {
        p.setInt(i, Codec.systemBits(flags));
        p.setString(i + 1, Codec.text(Codec.keywords(flags)));
        p.setLong(i + 2, modSeq);
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
        try (PreparedStatement p = c.prepareStatement("SELECT f.sys_flags, f.keywords, f.modseq, m.hidden"
                + " FROM tm_message_flags f JOIN tm_message m ON m.mailbox_id = f.mailbox_id AND m.uid = f.uid"
                + " WHERE f.mailbox_id = ? AND f.uid = ?")) {
            p.setLong(1, mailbox);
            p.setLong(2, uid);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return FlagUpdate.ABSENT;
                }
                if (r.getInt(1) == bits && Objects.equals(r.getString(2), keywords) && r.getLong(3) == modSeq) {
                    return FlagUpdate.SAME;
                }
                before = new Mark(uid, r.getInt(1), r.getBoolean(4));
            }
        }
        try (PreparedStatement p = c.prepareStatement(UPDATE_FLAGS)) {
            setFlags(p, 1, flags, modSeq);
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
        forEachPart(c, "UPDATE tm_message SET hidden = ? WHERE ", "", mailbox, changed, p -> {
            p.setBoolean(1, hidden);
            return 2;
        });
        adjust(c, mailbox, delta);
        return changed;
    }

    /** Removes the held messages among {@code uids} with flags and content (cascade); @return those removed */
    static UidSet delete(Connection c, long mailbox, UidSet uids) throws SQLException {
        UidSet.Builder held = UidSet.builder();
        Tally delta = Tally.NONE;
        for (Mark m : marks(c, mailbox, uids)) {
            held.add(m.uid());
            delta = delta.minus(m.tally());
        }
        UidSet removed = held.build();
        forEachPart(c, "DELETE FROM tm_message WHERE ", "", mailbox, removed, p -> 1);
        adjust(c, mailbox, delta);
        return removed;
    }

    /**
     * Moves one message, and through {@code ON UPDATE CASCADE} its flags and content, to another mailbox and
     * UID, replacing a message held there; with {@code updated}, it then takes that record's values.
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
     * UID), so that a new UID equal to another message's old UID never collides. Flags and content follow by
     * {@code ON UPDATE CASCADE}.
     *
     * @return the old UIDs removed and the new UIDs of the messages kept
     */
    static UidSet[] reset(Connection c, long mailbox, UidRemap keep) throws SQLException {
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

    // ---- reads ----

    private static List<Mark> marks(Connection c, long mailbox, UidSet uids) throws SQLException {
        List<Mark> out = new ArrayList<>();
        forEachQueryPart(c, "SELECT m.uid, f.sys_flags, m.hidden FROM tm_message m JOIN tm_message_flags f"
                + " ON f.mailbox_id = m.mailbox_id AND f.uid = m.uid WHERE ", "m.", mailbox, uids, p -> 1,
                r -> out.add(new Mark(r.getLong(1), r.getInt(2), r.getBoolean(3))));
        return out;
    }

    private static final String INSERT_CONTENT = "INSERT INTO tm_content (body_structure, header, body, mailbox_id, uid)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE_CONTENT = "UPDATE tm_content SET body_structure = ?, header = ?, body = ?"
            + " WHERE mailbox_id = ? AND uid = ?";

    /**
     * Stores or replaces the content of held messages in two batches (updates, inserts).
     *
     * @return the UIDs of {@code contents} the mailbox does not hold; if any, nothing was written
     */
    static UidSet putContents(Connection c, long mailbox, Map<Long, MessageContent> contents) throws SQLException {
        UidSet.Builder all = UidSet.builder();
        for (Long uid : contents.keySet()) {
            all.add(uid);
        }
        UidSet wanted = all.build();
        UidSet missing = wanted.minus(uidsAmong(c, "tm_message", mailbox, wanted));
        if (!missing.isEmpty()) {
            return missing;
        }
        UidSet present = uidsAmong(c, "tm_content", mailbox, wanted);
        List<Map.Entry<Long, MessageContent>> updates = new ArrayList<>();
        List<Map.Entry<Long, MessageContent>> inserts = new ArrayList<>();
        for (Map.Entry<Long, MessageContent> e : contents.entrySet()) {
            (present.contains(e.getKey()) ? updates : inserts).add(e);
        }
        contentBatch(c, UPDATE_CONTENT, mailbox, updates);
        contentBatch(c, INSERT_CONTENT, mailbox, inserts);
        return UidSet.empty();
    }

    private static void contentBatch(Connection c, String sql, long mailbox, List<Map.Entry<Long, MessageContent>> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int n = 0;
            for (Map.Entry<Long, MessageContent> e : rows) {
                MessageContent content = e.getValue();
                p.setString(1, Codec.text(content.bodyStructure()));
                p.setBytes(2, content.header());
                p.setBytes(3, content.body());
                p.setLong(4, mailbox);
                p.setLong(5, e.getKey());
                p.addBatch();
                if (++n % Database.BATCH == 0) {
                    p.executeBatch();
                }
            }
            if (n % Database.BATCH != 0) {
                p.executeBatch();
            }
        }
    }

    /** @return those of {@code uids} that have a row in {@code table} (tm_message or tm_content) */
    private static UidSet uidsAmong(Connection c, String table, long mailbox, UidSet uids) throws SQLException {
        UidSet.Builder out = UidSet.builder();
        forEachQueryPart(c, "SELECT uid FROM " + table + " WHERE ", "", mailbox, uids, p -> 1,
                r -> out.add(r.getLong(1)));
        return out.build();
    }

    /** @return the held messages among {@code uids}, by UID */
    static Map<Long, MessageRecord> held(Connection c, long mailbox, UidSet uids) throws SQLException {
        Map<Long, MessageRecord> out = new HashMap<>();
        forEachQueryPart(c, JOINED + " WHERE ", "m.", mailbox, uids, p -> 1, r -> {
            MessageRecord m = joined(r);
            out.put(m.uid(), m);
        });
        return out;
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
        try (PreparedStatement p = c.prepareStatement(JOINED + " WHERE m.mailbox_id = ? AND m.uid = ?")) {
            p.setLong(1, mailbox);
            p.setLong(2, uid);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? joined(r) : null;
            }
        }
    }

    /** @return the messages of the account whose {@code column} ({@code message_id}, {@code email_id}) is value */
    static List<MessageLocation> findBy(Connection c, AccountId account, String column, String value)
            throws SQLException {
        List<MessageLocation> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT b.name, m.uid, m.size, m.internal_date, m.message_id,"
                + " m.email_id, m.envelope, m.hidden, f.sys_flags, f.keywords, f.modseq FROM tm_message m"
                + " JOIN tm_mailbox b ON b.id = m.mailbox_id"
                + " JOIN tm_message_flags f ON f.mailbox_id = m.mailbox_id AND f.uid = m.uid"
                + " WHERE m." + column + " = ? AND b.account_id = ?")) {
            p.setString(1, value);
            p.setString(2, account.value());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new MessageLocation(new MailboxRef(account, MailboxName.of(r.getString(1))),
                            body(r, 2).with(flagsAt(r, 9))));
                }
            }
        }
        out.sort(Comparator.comparing((MessageLocation l) -> l.mailbox().name())
                .thenComparingLong(l -> l.message().uid()));
        return out;
    }

    /**
     * One page of visible messages. The ORDER BY names the index's leading columns too, in the index's
     * direction, so that H2 reads the index in order (forwards or backwards) and stops after the page instead of
     * sorting the mailbox; PostgreSQL does the same with or without them. The page's flags are read afterwards,
     * by UID.
     */
    static List<MessageRecord> page(Connection c, Backend backend, long mailbox, MessageOrder order, int offset,
            int limit) throws SQLException {
        if (backend == Backend.H2 && (order == MessageOrder.SENDER || order == MessageOrder.SUBJECT)
                && (long) offset + limit <= TOP_N_LIMIT) {
            return topN(c, mailbox, order == MessageOrder.SENDER ? "sort_sender" : "sort_subject", offset, limit);
        }
        List<Body> rows = new ArrayList<>(Math.min(limit, 1000));
        try (PreparedStatement p = c.prepareStatement(pageSql(backend, order))) {
            p.setLong(1, mailbox);
            p.setLong(2, offset);
            p.setLong(3, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(body(r, 1));
                }
            }
        }
        return withFlags(c, mailbox, rows);
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
            case UID_DESC, SENDER, SUBJECT -> "tm_message_uid";
        };
        return "SELECT " + BODY + " FROM tm_message" + backend.useIndex(index)
                + " WHERE mailbox_id = ? AND hidden = FALSE ORDER BY " + orderBy + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /**
     * A page by sender or subject on H2: those keys have no index (see {@link Schema}), and H2 sorts a large
     * result several times slower than it streams it, so the (UID, key) pairs of the visible messages are streamed
     * and the first {@code offset + limit} kept in a bounded heap (measured on 100,000 messages: 0.3 s against
     * 1.1 s for H2's ORDER BY); then the page's rows are read by UID.
     */
    private static List<MessageRecord> topN(Connection c, long mailbox, String keyColumn, int offset, int limit)
            throws SQLException {
        record Key(String key, long uid) {
        }
        // the page order: key ascending, ties by UID descending
        Comparator<Key> order = Comparator.comparing(Key::key)
                .thenComparing(Comparator.comparingLong(Key::uid).reversed());
        int keep = offset + limit;
        PriorityQueue<Key> heap = new PriorityQueue<>(keep + 1, order.reversed());
        try (PreparedStatement p = c.prepareStatement("SELECT uid, " + keyColumn + " FROM tm_message"
                + Backend.H2.useIndex("tm_message_uid") + " WHERE mailbox_id = ? AND hidden = FALSE")) {
            p.setFetchSize(10_000);
            p.setLong(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Key k = new Key(r.getString(2), r.getLong(1));
                    if (heap.size() < keep) {
                        heap.add(k);
                    } else if (order.compare(k, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(k);
                    }
                }
            }
        }
        List<Key> sorted = new ArrayList<>(heap);
        sorted.sort(order);
        if (offset >= sorted.size()) {
            return List.of();
        }
        List<Key> slice = sorted.subList(offset, Math.min(sorted.size(), offset + limit));
        Map<Long, MessageRecord> rows = held(c, mailbox, UidSet.of(slice.stream().mapToLong(Key::uid).toArray()));
        List<MessageRecord> out = new ArrayList<>(slice.size());
        for (Key k : slice) {
            MessageRecord m = rows.get(k.uid());
            if (m != null) {
                out.add(m);
            }
        }
        return out;
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
        try (PreparedStatement p = c.prepareStatement("SELECT " + BODY + " FROM tm_message WHERE mailbox_id = ?"
                + " AND uid >= ? AND uid <= ? ORDER BY mailbox_id, uid FETCH FIRST " + SCAN_BATCH + " ROWS ONLY")) {
            for (int i = 0; i < range.rangeCount(); i++) {
                long next = range.rangeStart(i);
                long end = range.rangeEnd(i);
                while (next <= end) {
                    List<Body> rows = new ArrayList<>(SCAN_BATCH);
                    p.setLong(1, mailbox);
                    p.setLong(2, next);
                    p.setLong(3, end);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            rows.add(body(r, 1));
                        }
                    }
                    List<MessageRecord> batch = withFlags(c, mailbox, rows);
                    // the visitor runs outside the result sets: it may read the store (other connections) at will
                    for (MessageRecord m : batch) {
                        visited++;
                        if (!visitor.visit(m)) {
                            return visited;
                        }
                    }
                    if (rows.size() < SCAN_BATCH) {
                        break;
                    }
                    next = rows.get(rows.size() - 1).uid() + 1;
                }
            }
        }
        return visited;
    }

    // ---- rows to records ----

    /** The {@code tm_message} part of a record. */
    private record Body(long uid, long size, Long internalDate, String messageId, String emailId, byte[] envelope,
            boolean hidden) {
        MessageRecord with(FlagRow f) {
            return new MessageRecord(uid, f.flags(), f.modSeq(), size, Codec.instant(internalDate), messageId, emailId,
                    Codec.envelope(envelope), hidden);
        }
    }

    /** The {@code tm_message_flags} part of a record. */
    private record FlagRow(Flags flags, long modSeq) {
    }

    /** @return the {@link #BODY} columns from column {@code i} on */
    private static Body body(ResultSet r, int i) throws SQLException {
        long internal = r.getLong(i + 2);
        Long internalDate = r.wasNull() ? null : internal;
        return new Body(r.getLong(i), r.getLong(i + 1), internalDate, r.getString(i + 3), r.getString(i + 4),
                r.getBytes(i + 5), r.getBoolean(i + 6));
    }

    private static FlagRow flagsAt(ResultSet r, int i) throws SQLException {
        return new FlagRow(Codec.flags(r.getInt(i), r.getString(i + 1)), r.getLong(i + 2));
    }

    /** @return a row of {@link #JOINED} */
    private static MessageRecord joined(ResultSet r) throws SQLException {
        return body(r, 1).with(flagsAt(r, 8));
    }

    /** @return the records of {@code rows}, in their order, with their flags read by UID */
    private static List<MessageRecord> withFlags(Connection c, long mailbox, List<Body> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        UidSet.Builder uids = UidSet.builder();
        for (Body b : rows) {
            uids.add(b.uid());
        }
        Map<Long, FlagRow> flags = new HashMap<>();
        forEachQueryPart(c, "SELECT uid, sys_flags, keywords, modseq FROM tm_message_flags WHERE ", "", mailbox,
                uids.build(), p -> 1, r -> flags.put(r.getLong(1), flagsAt(r, 2)));
        List<MessageRecord> out = new ArrayList<>(rows.size());
        for (Body b : rows) {
            FlagRow f = flags.get(b.uid());
            if (f == null) {
                throw new SQLException("Message " + b.uid() + " of mailbox " + mailbox + " has no flags row", "XX001");
            }
            out.add(b.with(f));
        }
        return out;
    }

    // ---- UID sets as SQL conditions ----

    @FunctionalInterface
    private interface Binder {
        /** Binds the parameters of the statement's head; @return the index of the next parameter */
        int bind(PreparedStatement p) throws SQLException;
    }

    @FunctionalInterface
    private interface RowSink {
        void row(ResultSet r) throws SQLException;
    }

    /**
     * Runs {@code head + condition} as an update for the UIDs of a mailbox: each range of more than one UID as
     * {@code mailbox_id = ? AND uid BETWEEN ? AND ?} (one batch), single UIDs gathered in chunks of up to
     * {@link #IN_CHUNK}. A window's contiguous ranges cost one statement each, scattered UIDs one per chunk.
     *
     * @param head the statement up to and including {@code WHERE} (and any condition of its own, ending in
     *            {@code AND})
     * @param alias the table alias of the mailbox and UID columns, with its dot, or empty
     * @param binder binds the parameters of {@code head}
     */
    private static void forEachPart(Connection c, String head, String alias, long mailbox, UidSet uids, Binder binder)
            throws SQLException {
        parts(c, head, alias, mailbox, uids, binder, null);
    }

    /** Like {@link #forEachPart}, for queries: every row of every part goes to {@code sink}. */
    private static void forEachQueryPart(Connection c, String head, String alias, long mailbox, UidSet uids,
            Binder binder, RowSink sink) throws SQLException {
        parts(c, head, alias, mailbox, uids, binder, sink);
    }

    /**
     * Single UIDs on H2 are written as {@code (mailbox_id, uid) IN ((?, ?), ...)}: H2 uses an IN list only on
     * the first column of an index, so {@code mailbox_id = ? AND uid IN (...)} reads the whole mailbox for each
     * chunk (measured on a 100,000-message mailbox: 500 scattered UIDs 300 ms; as row values, exact primary key
     * lookups, under 1 ms). PostgreSQL looks up {@code uid IN (...)} in the index as it is.
     */
    private static void parts(Connection c, String head, String alias, long mailbox, UidSet uids, Binder binder,
            RowSink sink) throws SQLException {
        if (uids.isEmpty()) {
            return;
        }
        List<long[]> ranges = new ArrayList<>();
        List<Long> singles = new ArrayList<>();
        split(uids, ranges, singles);
        String mailboxColumn = alias + "mailbox_id";
        String uidColumn = alias + "uid";
        if (!ranges.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(
                    head + mailboxColumn + " = ? AND " + uidColumn + " BETWEEN ? AND ?")) {
                for (long[] range : ranges) {
                    int i = binder.bind(p);
                    p.setLong(i, mailbox);
                    p.setLong(i + 1, range[0]);
                    p.setLong(i + 2, range[1]);
                    if (sink == null) {
                        p.addBatch();
                    } else {
                        read(p, sink);
                    }
                }
                if (sink == null) {
                    p.executeBatch();
                }
            }
        }
        boolean rowValues = isH2(c);
        for (int from = 0; from < singles.size(); from += IN_CHUNK) {
            List<Long> chunk = singles.subList(from, Math.min(singles.size(), from + IN_CHUNK));
            try (PreparedStatement p = c.prepareStatement(head + singlesCondition(rowValues, alias, chunk.size()))) {
                int i = binder.bind(p);
                if (!rowValues) {
                    p.setLong(i++, mailbox);
                }
                for (Long uid : chunk) {
                    if (rowValues) {
                        p.setLong(i++, mailbox);
                    }
                    p.setLong(i++, uid);
                }
                if (sink == null) {
                    p.executeUpdate();
                } else {
                    read(p, sink);
                }
            }
        }
    }

    /**
     * @return the condition for {@code n} single UIDs of one mailbox: with {@code rowValues} its parameters are
     *         the mailbox and a UID for each, else the mailbox once, then the UIDs
     */
    static String singlesCondition(boolean rowValues, String alias, int n) {
        return rowValues
                ? "(" + alias + "mailbox_id, " + alias + "uid) IN (" + placeholders(n, "(?, ?)") + ")"
                : alias + "mailbox_id = ? AND " + alias + "uid IN (" + placeholders(n, "?") + ")";
    }

    private static void read(PreparedStatement p, RowSink sink) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                sink.row(r);
            }
        }
    }

    static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getURL().startsWith("jdbc:h2:");
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

    private static String placeholders(int n, String one) {
        StringBuilder sb = new StringBuilder(n * (one.length() + 2));
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(one);
        }
        return sb.toString();
    }
}
