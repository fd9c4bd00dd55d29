/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.tidemark.testing.PostgresServer;

/** Proves that the PostgreSQL fixture serves JDBC on loopback and really stops. */
class PostgresServerTest {

    private static Connection connect(PostgresServer pg, String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", pg.user());
        p.setProperty("password", pg.password());
        return new org.postgresql.Driver().connect(url, p);
    }

    @Test
    void jdbcConnectionWorksOnAPrivateLoopbackCluster() throws SQLException {
        long t0 = System.nanoTime();
        try (PostgresServer pg = PostgresServer.start()) {
            System.out.printf("PostgreSQL started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertNotEquals(5432, pg.port());
            assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/tidemark", pg.jdbcUrl());
            try (Connection c = connect(pg, pg.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, name TEXT)");
                s.execute("INSERT INTO t VALUES (1, 'Grüße')");
                try (ResultSet rs = s.executeQuery("SELECT name, current_user, current_database(), "
                        + "current_setting('listen_addresses'), current_setting('port') FROM t")) {
                    assertTrue(rs.next());
                    assertEquals("Grüße", rs.getString(1));
                    assertEquals("tidemark", rs.getString(2));
                    assertEquals("tidemark", rs.getString(3));
                    assertEquals("127.0.0.1", rs.getString(4));
                    assertEquals(Integer.toString(pg.port()), rs.getString(5));
                }
            }
            assertEquals("1", pg.psql("SELECT count(*) FROM t").trim());
        }
    }

    @Test
    void createDatabaseAddsAnotherReachableDatabase() throws SQLException {
        try (PostgresServer pg = PostgresServer.start("first")) {
            String url = pg.createDatabase("second");
            try (Connection c = connect(pg, url); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_database()")) {
                assertTrue(rs.next());
                assertEquals("second", rs.getString(1));
            }
            assertThrows(IllegalArgumentException.class, () -> pg.createDatabase("bad name; DROP"));
        }
    }

    @Test
    void stopEndsThePostmasterAndDeletesTheFolder() throws SQLException {
        PostgresServer pg = PostgresServer.start();
        long pid = pg.pid();
        Path dir = pg.directory();
        String url = pg.jdbcUrl();
        assertTrue(pg.isRunning());
        assertTrue(DovecotServerTest.alive(pid));
        pg.close();
        assertFalse(DovecotServerTest.alive(pid), "postmaster " + pid + " still alive");
        assertFalse(pg.isRunning());
        assertFalse(Files.exists(dir), dir + " not deleted");
        assertThrows(SQLException.class, () -> connect(pg, url).close());
        pg.close(); // idempotent
    }

    @Test
    void twoClustersRunSideBySide() throws SQLException {
        try (PostgresServer a = PostgresServer.start(); PostgresServer b = PostgresServer.start()) {
            assertNotEquals(a.port(), b.port());
            assertNotEquals(a.pid(), b.pid());
            try (Connection c = connect(a, a.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE only_in_a (x INT)");
            }
            assertEquals("0", b.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'").trim());
            assertEquals("1", a.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'").trim());
        }
    }
}
