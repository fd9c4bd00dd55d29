/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * Databases written by other versions, on H2 and on PostgreSQL: a version 1 database (the layout of Tidemark 0.0,
 * written here as that release wrote it) is migrated with its data; a newer one is refused, naming both versions.
 */
class SchemaMigrationTest {

    /** The version 1 layout: flags as one text of atoms, no sort keys, no EMAILID index. */
    static final List<String> V1 = List.of(
            "CREATE TABLE tm_schema (id INT PRIMARY KEY, version INT NOT NULL)",
            """
            CREATE TABLE tm_account (id VARCHAR(128) PRIMARY KEY, host VARCHAR(255) NOT NULL, port INT NOT NULL,
              security VARCHAR(16) NOT NULL, user_name VARCHAR(1000) NOT NULL, auth VARCHAR(16) NOT NULL,
              allow_insecure BOOLEAN NOT NULL, pinned_cert VARCHAR(64), connect_timeout_ms BIGINT NOT NULL,
              read_timeout_ms BIGINT NOT NULL, folder_mode VARCHAR(16) NOT NULL, folder_names ${text},
              body_policy VARCHAR(64) NOT NULL, max_connections INT NOT NULL)""",
            "CREATE SEQUENCE tm_mailbox_seq START WITH 2 INCREMENT BY 1",
            """
            CREATE TABLE tm_mailbox (id BIGINT PRIMARY KEY,
              account_id VARCHAR(128) NOT NULL REFERENCES tm_account (id) ON DELETE CASCADE,
              name VARCHAR(1000) NOT NULL, delimiter INT NOT NULL, attributes VARCHAR(2000),
              subscribed BOOLEAN NOT NULL, synced BOOLEAN NOT NULL, uid_validity BIGINT, uid_next BIGINT,
              highest_modseq BIGINT, last_seen_uid BIGINT, exists_count BIGINT, last_sync BIGINT,
              last_strategy VARCHAR(32), last_flag_scan BIGINT, CONSTRAINT tm_mailbox_name UNIQUE (account_id, name))""",
            """
            CREATE TABLE tm_message (mailbox_id BIGINT NOT NULL REFERENCES tm_mailbox (id) ON DELETE CASCADE,
              uid BIGINT NOT NULL, flags ${text}, modseq BIGINT NOT NULL, size BIGINT NOT NULL,
              internal_date BIGINT, message_id VARCHAR(1000), email_id VARCHAR(256), envelope ${bin},
              hidden BOOLEAN NOT NULL, PRIMARY KEY (mailbox_id, uid))""",
            "CREATE INDEX tm_message_msgid ON tm_message (message_id)",
            """
            CREATE TABLE tm_content (mailbox_id BIGINT NOT NULL, uid BIGINT NOT NULL, body_structure ${text},
              header ${blob}, body ${blob}, PRIMARY KEY (mailbox_id, uid),
              CONSTRAINT tm_content_message FOREIGN KEY (mailbox_id, uid) REFERENCES tm_message (mailbox_id, uid)
                ON DELETE CASCADE ON UPDATE CASCADE)""",
            "CREATE SEQUENCE tm_journal_seq START WITH 2 INCREMENT BY 1",
            """
            CREATE TABLE tm_journal (id BIGINT PRIMARY KEY,
              account_id VARCHAR(128) NOT NULL REFERENCES tm_account (id) ON DELETE CASCADE,
              mailbox_name VARCHAR(1000) NOT NULL, uid_validity BIGINT NOT NULL, operation VARCHAR(32) NOT NULL,
              uids ${blob}, flags_add ${text}, flags_remove ${text}, target VARCHAR(1000), message ${blob},
              append_flags ${text}, internal_date BIGINT, created BIGINT NOT NULL, attempts INT NOT NULL,
              not_before BIGINT, state VARCHAR(16) NOT NULL, last_error ${text})""",
            """
            CREATE TABLE tm_lease (account_id VARCHAR(128) PRIMARY KEY REFERENCES tm_account (id) ON DELETE CASCADE,
              owner VARCHAR(512) NOT NULL, expires BIGINT NOT NULL)""",
            "INSERT INTO tm_schema (id, version) VALUES (1, 1)");

    /** More messages than one conversion batch, so that the migration's batching is exercised. */
    static final int MESSAGES = 2_345;

    @TempDir
    Path dir;

    private JpaMailStore store;
    private StoreSettings settings;

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (settings != null && settings.backend() == Backend.POSTGRESQL) {
            String url = settings.jdbcUrl();
            TestStores.sql(TestStores.postgresServer(),
                    "DROP SCHEMA " + url.substring(url.indexOf("currentSchema=") + 14) + " CASCADE");
        }
    }

    /** @return settings for an empty database of {@code backend}: a new H2 folder or PostgreSQL schema */
    private StoreSettings target(Backend backend) throws Exception {
        settings = backend == Backend.H2 ? StoreSettings.h2(dir) : TestStores.postgresSettings();
        return settings;
    }

    private Connection connect() throws SQLException {
        if (settings.backend() == Backend.H2) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(settings.jdbcUrl());
            return ds.getConnection();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.jdbcUrl());
        ds.setUser(settings.user());
        return ds.getConnection();
    }

    /** Writes a version 1 database as Tidemark 0.0 would have: an account, INBOX, messages, content, journal. */
    static void writeVersion1(Connection c, Backend backend) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : V1) {
                s.execute(backend.ddl(ddl));
            }
            s.execute("INSERT INTO tm_account VALUES ('work', '127.0.0.1', 10143, 'NONE', 'alice', 'AUTO', TRUE, NULL,"
                    + " 20000, 60000, 'SUBSCRIBED', NULL, 'headers', 2)");
            s.execute("INSERT INTO tm_mailbox VALUES (1, 'work', 'INBOX', 47,"
                    + " '\\HasNoChildren', TRUE, TRUE, 7, " + (MESSAGES + 1) + ", 0, " + MESSAGES + ", " + MESSAGES
                    + ", NULL, 'PLAIN', NULL)");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO tm_message (mailbox_id, uid, flags, modseq, size,"
                + " internal_date, message_id, email_id, envelope, hidden) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")) {
            for (long uid = 1; uid <= MESSAGES; uid++) {
                MessageRecord m = Samples.message(uid);
                // version 1 spelled flags as IMAP atoms, keywords included
                p.setLong(1, uid);
                p.setString(2, uid % 3 == 0 ? "\\Seen \\Flagged $Label1" : Codec.atoms(m.flags()));
                p.setLong(3, m.modSeq());
                p.setLong(4, m.size());
                p.setLong(5, Codec.nanos(m.internalDate()));
                p.setString(6, m.messageId());
                p.setString(7, m.emailId());
                p.setBytes(8, Codec.envelope(m.envelope()));
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO tm_content (mailbox_id, uid, body_structure, header) VALUES (1, 5, '(\"TEXT\")', ?)")) {
            p.setBytes(1, new byte[] { 'H', 'i' });
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO tm_journal (id, account_id, mailbox_name,"
                + " uid_validity, operation, uids, created, attempts, state) VALUES (1, 'work', 'INBOX', 7, 'DELETE', ?,"
                + " 0, 0, 'PENDING')")) {
            p.setBytes(1, new byte[] { 4, 0 }); // the UID set {4}: start 4, length 0
            p.executeUpdate();
        }
    }

    private static MessageRecord expected(long uid) {
        MessageRecord m = Samples.message(uid);
        return uid % 3 == 0 ? m.withFlags(new Flags(java.util.EnumSet.of(SystemFlag.SEEN, SystemFlag.FLAGGED),
                java.util.Set.of("$Label1")), m.modSeq()) : m;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aVersion1DatabaseIsMigratedWithItsData(Backend backend) throws Exception {
        target(backend);
        try (Connection c = connect()) {
            writeVersion1(c, backend);
        }
        store = new JpaMailStore(settings);
        store.open();

        assertEquals(1, store.openDatabase().foundVersion());
        for (long uid : new long[] { 1, 2, 3, 999, 1000, 1001, MESSAGES }) {
            assertEquals(expected(uid), store.message(INBOX, uid).orElseThrow(), "message " + uid);
        }
        assertEquals(UidSet.range(1, MESSAGES), store.uids(INBOX));
        assertEquals(List.of((long) MESSAGES, MESSAGES - 1L),
                store.page(INBOX, MessageOrder.DATE_DESC, 0, 2).stream().map(MessageRecord::uid).toList());
        long unseen = 0;
        for (long uid = 1; uid <= MESSAGES; uid++) {
            unseen += expected(uid).flags().has(SystemFlag.SEEN) ? 0 : 1;
        }
        assertEquals(new MailboxCounts(MESSAGES, unseen), store.counts(INBOX));
        MessageContent content = store.content(INBOX, 5).orElseThrow();
        assertArrayEquals(new byte[] { 'H', 'i' }, content.header());
        assertEquals(UidSet.of(4), store.journal(ACCOUNT).get(0).uids());
        assertEquals(List.of(), store.findByEmailId(ACCOUNT, "nothing"));
        assertEquals(1, store.findByEmailId(ACCOUNT, "E77").size());

        try (Connection c = store.openDatabase().connection()) {
            assertEquals(Schema.CURRENT, Schema.version(c));
            assertFalse(hasColumn(c, "flags"), "the version 1 flags column is gone");
            assertTrue(hasIndex(c, "tm_message_date"), "the date index exists");
        }
        if (backend == Backend.H2) {
            assertTrue(Files.exists(dir.resolve("tidemark-schema-v1-backup.zip")), "a backup of version 1 was taken");
        }
        // and the migrated store takes new writes
        store.write(tx -> {
            tx.putMessages(INBOX, List.of(Samples.message(MESSAGES + 1)));
            return null;
        });
        assertEquals(Samples.message(MESSAGES + 1), store.message(INBOX, MESSAGES + 1).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMigrationCutShortResumes(Backend backend) throws Exception {
        target(backend);
        try (Connection c = connect()) {
            writeVersion1(c, backend);
            // as a crash during the conversion leaves an H2 file: H2 commits each DDL statement at once, the
            // conversion's uncommitted rows are rolled back when the file is opened again
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE tm_message ADD COLUMN sys_flags INT");
                s.execute("ALTER TABLE tm_message ADD COLUMN sort_date BIGINT");
            }
        }
        store = new JpaMailStore(settings);
        store.open();
        assertEquals(expected(3), store.message(INBOX, 3).orElseThrow(),
                "the steps done are skipped, the rest is done");
        assertEquals(expected(MESSAGES), store.message(INBOX, MESSAGES).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewerDatabaseIsRefusedNamingBothVersions(Backend backend) throws Exception {
        target(backend);
        store = new JpaMailStore(settings);
        store.open();
        store.close();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE tm_schema SET version = " + (Schema.CURRENT + 1));
        }
        store = new JpaMailStore(settings);
        CoreException e = assertThrows(CoreException.class, store::open);
        assertEquals(StoreError.SCHEMA_NEWER, StoreStatus.errorOf(e));
        String message = e.getStatus().getMessage();
        assertTrue(message.contains("version " + (Schema.CURRENT + 1)) && message.contains("version " + Schema.CURRENT)
                && message.contains(settings.location()), message);
        // every call says the same, and the database is left alone
        assertEquals(StoreError.SCHEMA_NEWER, StoreStatus.errorOf(assertThrows(CoreException.class,
                () -> store.accounts())));
        try (Connection c = connect()) {
            assertEquals(Schema.CURRENT + 1, Schema.version(c));
        }
    }

    /** Metadata names are upper case in H2 and lower case in PostgreSQL. */
    private String name(String lower) {
        return settings.backend() == Backend.H2 ? lower.toUpperCase(java.util.Locale.ROOT) : lower;
    }

    private boolean hasColumn(Connection c, String column) throws SQLException {
        try (ResultSet r = c.getMetaData().getColumns(null, c.getSchema(), name("tm_message"), name(column))) {
            return r.next();
        }
    }

    private boolean hasIndex(Connection c, String index) throws SQLException {
        try (ResultSet r = c.getMetaData().getIndexInfo(null, c.getSchema(), name("tm_message"), false, false)) {
            while (r.next()) {
                if (index.equalsIgnoreCase(r.getString("INDEX_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
