/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store failures that need a second process: the H2 file held by another program, and a store written by a
 * newer Tidemark. Each is one line and its own exit code.
 */
class StoreFailuresProductTest {

    @TempDir
    Path home;

    private static String url(Tidemark t) {
        return "jdbc:h2:file:" + t.data.resolve("tidemark");
    }

    private static void oneLine(Tidemark.Result r, String text) {
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("tidemark: error: ") && lines.get(0).contains(text), r.err());
    }

    @Test
    void aStoreHeldByAnotherProgramIsLocked() throws Exception {
        Tidemark t = new Tidemark(home);
        t.run("status").expect(0); // creates the store
        try (Connection c = DriverManager.getConnection(url(t))) {
            Tidemark.Result r = t.run("status").expect(20).noStackTrace();
            oneLine(r, t.data.resolve("tidemark.mv.db").toString());
        }
        t.run("status").expect(0);
    }

    @Test
    void aStoreWrittenByANewerTidemarkIsRefusedAndLeftAlone() throws Exception {
        Tidemark t = new Tidemark(home);
        t.run("status").expect(0);
        try (Connection c = DriverManager.getConnection(url(t)); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tm_schema SET version = 99 WHERE id = 1");
        }
        Tidemark.Result r = t.run("status").expect(22).noStackTrace();
        oneLine(r, "version 99");
        try (Connection c = DriverManager.getConnection(url(t)); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT version FROM tm_schema WHERE id = 1")) {
            rs.next();
            assertEquals(99, rs.getInt(1), "the newer store is left as it was");
        }
    }
}
