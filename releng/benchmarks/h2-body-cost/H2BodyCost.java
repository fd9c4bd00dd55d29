/*
 * SPDX-License-Identifier: EPL-2.0
 */
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;

/**
 * What storing message bodies costs H2 during an initial full download, without the engine, the wire or
 * EclipseLink: 120,000 contents (a 1.2 kB header, a body of 2-200 kB, 11 kB on average, 1.3 GB in all, random
 * bytes), JDBC batches of 500, a commit every 2,000 (one window), H2 set up as the store sets it up. Layouts:
 * <ul>
 * <li>{@code none}: the header only (the floor);</li>
 * <li>{@code blob}: the body in a BLOB column, as {@code tm_content} holds it (H2's LOB storage above 4 kB);</li>
 * <li>{@code varbinary}: the body in the row, in a VARBINARY column;</li>
 * <li>{@code chunks}: the body as rows of 4 kB (kept in the rows);</li>
 * <li>{@code file}: the body appended to a plain file, forced to disk before each commit, and only its place
 * kept in the row (what bodies outside the database would cost).</li>
 * </ul>
 * Prints time and file sizes per layout (each run twice, after a warm-up).
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar releng/benchmarks/h2-body-cost/H2BodyCost.java
 * </pre>
 */
public class H2BodyCost {

    private static final int ROWS = 120_000;
    private static final int WINDOW = 2_000;
    private static final int BATCH = 500;
    private static final int CHUNK = 4_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("h2-body-cost");
        try {
            run(dir, "blob", false);
            for (int round = 0; round < 2; round++) {
                for (String layout : new String[] { "none", "blob", "varbinary", "chunks", "file" }) {
                    run(dir, layout, true);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void run(Path dir, String layout, boolean print) throws SQLException, IOException {
        Path db = dir.resolve(layout);
        Path bodies = dir.resolve(layout + ".bodies");
        Random random = new Random(1);
        long total = 0;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + db + ";WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=4096");
                FileChannel file = FileChannel.open(bodies, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                String body = layout.equals("varbinary") ? "VARBINARY(1000000000)" : "BLOB";
                s.execute("CREATE TABLE ct (mailbox_id BIGINT, uid BIGINT, header BLOB, body " + body
                        + ", body_offset BIGINT, body_length INT, PRIMARY KEY (mailbox_id, uid))");
                s.execute("CREATE TABLE bc (mailbox_id BIGINT, uid BIGINT, seq INT, data VARBINARY(" + CHUNK
                        + "), PRIMARY KEY (mailbox_id, uid, seq))");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ct VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement chunks = c.prepareStatement("INSERT INTO bc VALUES (?, ?, ?, ?)")) {
                long offset = 0;
                for (int uid = 1; uid <= ROWS; uid++) {
                    byte[] header = new byte[1200];
                    random.nextBytes(header);
                    byte[] body = new byte[2000 + (int) Math.min(198_000, Math.abs(random.nextGaussian()) * 12_000)];
                    random.nextBytes(body);
                    total += body.length;
                    p.setLong(1, 1);
                    p.setLong(2, uid);
                    p.setBytes(3, header);
                    p.setBytes(4, layout.equals("blob") || layout.equals("varbinary") ? body : null);
                    p.setObject(5, layout.equals("file") ? offset : null);
                    p.setObject(6, layout.equals("file") ? body.length : null);
                    p.addBatch();
                    if (layout.equals("file")) {
                        file.write(ByteBuffer.wrap(body));
                        offset += body.length;
                    } else if (layout.equals("chunks")) {
                        for (int from = 0, seq = 0; from < body.length; from += CHUNK, seq++) {
                            chunks.setLong(1, 1);
                            chunks.setLong(2, uid);
                            chunks.setInt(3, seq);
                            chunks.setBytes(4, Arrays.copyOfRange(body, from, Math.min(body.length, from + CHUNK)));
                            chunks.addBatch();
                        }
                    }
                    if (uid % BATCH == 0) {
                        p.executeBatch();
                        chunks.executeBatch();
                    }
                    if (uid % WINDOW == 0) {
                        file.force(false); // the bodies are on disk before the rows that point at them
                        c.commit();
                    }
                }
                p.executeBatch();
                chunks.executeBatch();
                file.force(false);
                c.commit();
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Path dbFile = Path.of(db + ".mv.db");
        if (print) {
            System.out.printf("%-10s %,7d ms   bodies %,d MB   database file %,d MB   bodies file %,d MB%n", layout,
                    ms, total >> 20, Files.size(dbFile) >> 20, Files.size(bodies) >> 20);
        }
        Files.delete(dbFile);
        Files.delete(bodies);
    }
}
