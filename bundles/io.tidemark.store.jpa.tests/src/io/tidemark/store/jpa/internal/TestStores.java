/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import io.tidemark.store.api.MailStore;
import io.tidemark.testing.PostgresServer;

/** Makes stores for tests: each on fresh data, removed again when the store is closed for good. */
final class TestStores {

    private static final Map<MailStore, Path> FOLDERS = new ConcurrentHashMap<>();
    private static final Map<MailStore, String> SCHEMAS = new ConcurrentHashMap<>();
    private static final AtomicInteger SCHEMA_COUNTER = new AtomicInteger();
    private static PostgresServer postgres;

    private TestStores() {
    }

    /** @return an open store on a new H2 file in a new temporary folder */
    static JpaMailStore h2() throws Exception {
        Path dir = Files.createTempDirectory("tidemark-store-");
        JpaMailStore s = new JpaMailStore(StoreSettings.h2(dir));
        s.open();
        FOLDERS.put(s, dir);
        return s;
    }

    /**
     * @return the private PostgreSQL server of this test JVM, started on first use (from Debian's
     *         {@code postgresql} package) and stopped by the fixture's shutdown hook
     */
    static synchronized PostgresServer postgresServer() {
        if (postgres == null) {
            postgres = PostgresServer.start();
        }
        return postgres;
    }

    /** @return settings for a new, empty schema of the test PostgreSQL database */
    static StoreSettings postgresSettings() throws Exception {
        PostgresServer server = postgresServer();
        String schema = "tm_test_" + SCHEMA_COUNTER.incrementAndGet();
        sql(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        return StoreSettings.url(server.jdbcUrl() + "?currentSchema=" + schema, server.user(), server.password(), 8);
    }

    /** @return an open store on a new, empty schema of the test PostgreSQL database */
    static JpaMailStore postgres() throws Exception {
        StoreSettings settings = postgresSettings();
        JpaMailStore s = new JpaMailStore(settings);
        s.open();
        SCHEMAS.put(s, schemaOf(settings));
        return s;
    }

    private static String schemaOf(StoreSettings s) {
        return s.jdbcUrl().substring(s.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length());
    }

    /** Runs statements on the test PostgreSQL database as its superuser. */
    static void sql(PostgresServer server, String... statements) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.jdbcUrl());
        ds.setUser(server.user());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** @return a new open store on the same data as {@code old}, which is closed first */
    static JpaMailStore reopen(MailStore old) throws Exception {
        JpaMailStore o = (JpaMailStore) old;
        o.close();
        JpaMailStore s = new JpaMailStore(o.settings());
        s.open();
        Path dir = FOLDERS.remove(o);
        if (dir != null) {
            FOLDERS.put(s, dir);
        }
        String schema = SCHEMAS.remove(o);
        if (schema != null) {
            SCHEMAS.put(s, schema);
        }
        return s;
    }

    /** Closes the store (again, harmlessly) and deletes its folder or schema. */
    static void dispose(MailStore store) throws IOException, SQLException {
        ((JpaMailStore) store).close();
        Path dir = FOLDERS.remove(store);
        if (dir != null) {
            deleteTree(dir);
        }
        String schema = SCHEMAS.remove(store);
        if (schema != null) {
            sql(postgresServer(), "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
