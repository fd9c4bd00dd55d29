/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tidemark.testing.internal.FreePorts;
import io.tidemark.testing.internal.Posix;
import io.tidemark.testing.internal.Prerequisites;
import io.tidemark.testing.internal.Processes;

/**
 * A private PostgreSQL 15 cluster for tests: {@code initdb -A trust -U tidemark} into a temp folder, then
 * {@code pg_ctl start} on 127.0.0.1 and a free port ({@code listen_addresses=127.0.0.1}, the Unix socket in
 * the folder), and one database. The system cluster on port 5432 is never touched.
 * <p>
 * As root (CI) the folder belongs to the {@code postgres} user and {@code initdb}/{@code pg_ctl} run
 * through {@code runuser -u postgres --}, because PostgreSQL refuses to run as root; as any other user
 * they run directly. {@code initdb} runs once per JVM into a template that each instance copies. The
 * clusters live on the RAM disk {@code /dev/shm} when there is one (else in the system temp folder):
 * copying the template there takes 0.2 s instead of 2 s on this project's disks, so an instance after the
 * first starts in about half a second (the first adds about 2 s of initdb). Durability is off
 * ({@code fsync=off}, {@code synchronous_commit=off}, {@code full_page_writes=off}): a test database needs
 * speed, not crash safety.
 * <p>
 * {@link #close()} runs {@code pg_ctl stop -m fast}, checks that the postmaster PID is gone (SIGKILL to
 * that PID after 10 s otherwise) and deletes the folder.
 * <p>
 * Missing binaries: fails with a message naming the apt package {@code postgresql} when {@code CI} is set,
 * else throws {@link org.opentest4j.TestAbortedException}.
 * <p>
 * Thread-safe accessors; {@link #start()}, {@link #createDatabase(String)} and {@link #close()} block on
 * processes.
 *
 * @since 0.1
 */
public final class PostgresServer implements AutoCloseable {

    /** Where Debian's PostgreSQL 15 binaries live (not on PATH). */
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    /** The apt package that installs {@link #BIN}. */
    public static final String APT_PACKAGE = "postgresql";

    /** The superuser of the cluster (trust authentication, no password). */
    public static final String USER = "tidemark";

    private static final Object TEMPLATE_LOCK = new Object();
    private static Path template;

    private final Path dir;
    private final int port;
    private final String database;
    private final long pid;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private PostgresServer(Path dir, int port, String database, long pid) {
        this.dir = dir;
        this.port = port;
        this.database = database;
        this.pid = pid;
        this.shutdownHook = new Thread(this::close, "tidemark-postgres-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a cluster with database {@code tidemark}.
     *
     * @return the running server
     * @throws IllegalStateException if PostgreSQL is missing under CI, or does not start (with its log)
     * @throws org.opentest4j.TestAbortedException if PostgreSQL is missing outside CI
     */
    public static PostgresServer start() {
        return start("tidemark");
    }

    /**
     * Starts a cluster with the given database.
     *
     * @param database the database to create
     * @return the running server
     * @see #start()
     */
    public static PostgresServer start(String database) {
        requireName(database);
        Prerequisites.requireExecutables("The PostgreSQL test fixture", APT_PACKAGE, BIN.resolve("initdb"),
                BIN.resolve("pg_ctl"), BIN.resolve("createdb"), BIN.resolve("psql"));
        Path dir = Posix.createTraversableTempDir(Posix.ramDiskOrNull(), "tidemark-postgres-");
        boolean ok = false;
        try {
            ownByServerUser(dir);
            Path data = dir.resolve("data");
            Processes.run(List.of("cp", "-a", template().toString(), data.toString()), Duration.ofSeconds(60)).orThrow();
            Path run = dir.resolve("run");
            asServerUser(List.of("mkdir", "-m", "700", run.toString()), Duration.ofSeconds(10));
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 4; attempt++) {
                int port = FreePorts.find();
                Processes.Result r = asServerUserResult(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                        "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + port + " -k " + run + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off",
                        "start"), Duration.ofSeconds(90));
                if (r.ok()) {
                    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
                    PostgresServer s = new PostgresServer(dir, port, database, pid);
                    try {
                        s.createDatabase(database);
                    } catch (RuntimeException e) {
                        s.close();
                        throw e;
                    }
                    ok = true;
                    return s;
                }
                String log = readOrEmpty(dir.resolve("postgres.log"));
                last = new IllegalStateException("PostgreSQL did not start in " + dir + ": " + r.stderr() + r.stdout()
                        + "\n" + log);
                if (!log.contains("could not bind")) {
                    break;
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dir, e);
        } finally {
            if (!ok) {
                Posix.deleteTree(dir);
            }
        }
    }

    /** initdb once per JVM; instances copy the template, which is four times faster than initdb. */
    private static Path template() {
        synchronized (TEMPLATE_LOCK) {
            if (template == null) {
                Path parent = Posix.createTraversableTempDir(Posix.ramDiskOrNull(), "tidemark-postgres-template-");
                ownByServerUser(parent);
                Path t = parent.resolve("data");
                asServerUser(List.of(BIN.resolve("initdb").toString(), "-D", t.toString(), "-A", "trust", "-U", USER,
                        "-E", "UTF8", "--locale=C", "--no-sync"), Duration.ofSeconds(120));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Posix.deleteTree(parent), "tidemark-postgres-template"));
                template = t;
            }
            return template;
        }
    }

    private static void ownByServerUser(Path dir) {
        if (Posix.isRoot()) {
            int[] pg = Posix.lookupUser("postgres");
            if (pg == null) {
                throw Prerequisites.missing("The PostgreSQL test fixture runs as root and needs the 'postgres' user, "
                        + "which is missing: install the apt package '" + APT_PACKAGE + "'");
            }
            Posix.chown(dir, pg[0], pg[1]);
        }
    }

    private static void asServerUser(List<String> command, Duration timeout) {
        asServerUserResult(command, timeout).orThrow();
    }

    private static Processes.Result asServerUserResult(List<String> command, Duration timeout) {
        List<String> cmd = new ArrayList<>();
        if (Posix.isRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        // /tmp as working directory: runuser keeps the caller's, which postgres may not be able to read
        return Processes.run(cmd, Path.of("/tmp"), java.util.Map.of(), timeout);
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a simple database name: " + name);
        }
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return FreePorts.LOOPBACK;
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return {@value #USER} */
    public String user() {
        return USER;
    }

    /** @return the empty password (the cluster trusts loopback connections) */
    public String password() {
        return "";
    }

    /** @return the database created at start */
    public String database() {
        return database;
    }

    /** @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>} */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /**
     * @param db a database name
     * @return the JDBC URL of that database on this server
     */
    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + db;
    }

    /**
     * Creates another database ({@code createdb}).
     *
     * @param name the database name ({@code [a-z_][a-z0-9_]*})
     * @return its JDBC URL
     * @throws IllegalStateException if createdb fails
     */
    public String createDatabase(String name) {
        requireName(name);
        Processes.run(List.of(BIN.resolve("createdb").toString(), "-h", host(), "-p", Integer.toString(port), "-U", USER,
                name), Duration.ofSeconds(60)).orThrow();
        return jdbcUrl(name);
    }

    /**
     * Runs SQL through {@code psql} (unaligned, tuples only), for set-up and diagnostics.
     *
     * @param sql the statements
     * @return psql's standard output
     * @throws IllegalStateException if psql fails
     */
    public String psql(String sql) {
        return Processes.run(List.of(BIN.resolve("psql").toString(), "-h", host(), "-p", Integer.toString(port), "-U",
                USER, "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql), Duration.ofSeconds(60)).orThrow()
                .stdout();
    }

    /** @return the postmaster's PID */
    public long pid() {
        return pid;
    }

    /** @return whether the postmaster is alive */
    public boolean isRunning() {
        return Processes.isAlive(pid);
    }

    /** @return the cluster folder (data, socket, log) */
    public Path directory() {
        return dir;
    }

    /**
     * Same as {@link #close()}.
     */
    public void stop() {
        close();
    }

    /**
     * Stops the cluster ({@code pg_ctl stop -m fast}), makes sure the postmaster PID is gone and deletes the
     * folder. Idempotent.
     *
     * @throws IllegalStateException if the postmaster survives
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        asServerUserResult(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t",
                "30", "-m", "fast", "stop"), Duration.ofSeconds(60));
        boolean gone = waitGone(Duration.ofSeconds(10));
        if (!gone) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            gone = waitGone(Duration.ofSeconds(5));
        }
        Posix.deleteTree(dir);
        if (!gone) {
            throw new IllegalStateException("PostgreSQL postmaster " + pid + " (" + dir + ") did not end");
        }
    }

    private boolean waitGone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Processes.isAlive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !Processes.isAlive(pid);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + host() + ":" + port + "/" + database + ", pid " + pid;
    }
}
