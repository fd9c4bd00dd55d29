/*
 * SPDX-License-Identifier: EPL-2.0
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

/**
 * What the message table's keys cost H2 during an initial sync, without the engine, the wire or EclipseLink:
 * 120,000 rows shaped like the store's (tm_message, tm_message_flags, tm_content with a 1.2 kB header), dates
 * rising with the UID, JDBC batches of 500, a commit every 2,000 rows (one window), H2 set up as the store sets it
 * up. Prints the time for: the primary keys only, plus the UID and date indexes, plus the Message-ID index (the
 * store's layout), and with a 64-bit hash of the Message-ID indexed instead of the text.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar releng/benchmarks/h2-index-cost/H2IndexCost.java
 * </pre>
 */
public class H2IndexCost {

    private static final int ROWS = 120_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("h2-index-cost");
        try {
            run(dir, "(warm-up, not counted)", "uid date");
            run(dir, "primary keys only", "");
            run(dir, "+ UID and date indexes", "uid date");
            run(dir, "+ Message-ID index (the store's layout)", "uid date msgid");
            run(dir, "+ hashed Message-ID index instead", "uid date hash");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void run(Path dir, String label, String indexes) throws SQLException {
        String name = dir.resolve("db" + label.hashCode()).toString().replace("-", "m");
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + name + ";WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=4096")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE m (mailbox_id BIGINT, uid BIGINT, size BIGINT, internal_date BIGINT,"
                        + " message_id VARCHAR(1000), message_hash BIGINT, envelope VARBINARY, hidden BOOLEAN,"
                        + " sort_date BIGINT, sort_sender VARCHAR(200), sort_subject VARCHAR(200),"
                        + " PRIMARY KEY (mailbox_id, uid))");
                s.execute("CREATE TABLE f (mailbox_id BIGINT, uid BIGINT, sys_flags INT, keywords VARCHAR(1000),"
                        + " modseq BIGINT, PRIMARY KEY (mailbox_id, uid))");
                s.execute("CREATE TABLE ct (mailbox_id BIGINT, uid BIGINT, body_structure VARCHAR, header BLOB,"
                        + " body BLOB, PRIMARY KEY (mailbox_id, uid))");
                if (indexes.contains("uid")) {
                    s.execute("CREATE INDEX m_uid ON m (mailbox_id, hidden, uid)");
                }
                if (indexes.contains("date")) {
                    s.execute("CREATE INDEX m_date ON m (mailbox_id, hidden, sort_date, uid)");
                    s.execute("CREATE INDEX m_date_asc ON m (mailbox_id, hidden, sort_date, uid DESC)");
                }
                if (indexes.contains("msgid")) {
                    s.execute("CREATE INDEX m_msgid ON m (message_id)");
                }
                if (indexes.contains("hash")) {
                    s.execute("CREATE INDEX m_hash ON m (message_hash)");
                }
            }
            c.setAutoCommit(false);
            Random r = new Random(1);
            byte[] envelope = new byte[300];
            byte[] header = new byte[1200];
            long t0 = System.nanoTime();
            try (PreparedStatement pm = c.prepareStatement("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement pf = c.prepareStatement("INSERT INTO f VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement pc = c.prepareStatement("INSERT INTO ct VALUES (?, ?, ?, ?, ?)")) {
                for (int uid = 1; uid <= ROWS; uid++) {
                    long date = 1_600_000_000_000L + uid * 60_000L + r.nextInt(60_000);
                    String messageId = "<" + UUID.randomUUID() + "@example.com>";
                    r.nextBytes(envelope);
                    r.nextBytes(header);
                    pm.setLong(1, 1);
                    pm.setLong(2, uid);
                    pm.setLong(3, 10_000);
                    pm.setLong(4, date);
                    pm.setString(5, messageId);
                    pm.setLong(6, messageId.hashCode() * 0x9E3779B97F4A7C15L);
                    pm.setBytes(7, envelope);
                    pm.setBoolean(8, false);
                    pm.setLong(9, date);
                    pm.setString(10, "sender" + r.nextInt());
                    pm.setString(11, "subject " + r.nextInt());
                    pm.addBatch();
                    pf.setLong(1, 1);
                    pf.setLong(2, uid);
                    pf.setInt(3, 1);
                    pf.setString(4, null);
                    pf.setLong(5, uid);
                    pf.addBatch();
                    pc.setLong(1, 1);
                    pc.setLong(2, uid);
                    pc.setString(3, "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 100 3)");
                    pc.setBytes(4, header);
                    pc.setBytes(5, null);
                    pc.addBatch();
                    if (uid % 500 == 0) {
                        pm.executeBatch();
                        pf.executeBatch();
                        pc.executeBatch();
                    }
                    if (uid % 2000 == 0) {
                        c.commit();
                    }
                }
            }
            c.commit();
            System.out.printf("%-42s %,d rows in %.2f s%n", label, ROWS, (System.nanoTime() - t0) / 1e9);
        }
    }
}
