/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import javax.sql.ConnectionPoolDataSource;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * An open database: the connection pool, the schema brought to the current version, and the EclipseLink
 * factory on top. Thread-safe; closed once.
 */
final class Database implements AutoCloseable {

    /** Windows are written in JDBC batches of this many rows (EclipseLink batch writing uses it too). */
    static final int BATCH = 1000;

    private final StoreSettings settings;
    private final JdbcConnectionPool pool;
    private final EntityManagerFactory emf;
    private final int foundVersion;

    private Database(StoreSettings settings, JdbcConnectionPool pool, EntityManagerFactory emf, int foundVersion) {
        this.settings = settings;
        this.pool = pool;
        this.emf = emf;
        this.foundVersion = foundVersion;
    }

    /**
     * Opens (and on first use creates) the database.
     *
     * @throws CoreException {@link StoreError#LOCKED} if another process has the H2 file open,
     *             {@link StoreError#UNWRITABLE} if the folder or file cannot be written, schema errors, or the
     *             mapped connection failure; each names the location
     */
    static Database open(StoreSettings settings) throws CoreException {
        if (settings.folder() != null) {
            prepareFolder(settings);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource(settings));
        pool.setMaxConnections(settings.maxConnections());
        pool.setLoginTimeout(30);
        try {
            int found;
            for (int attempt = 1;; attempt++) {
                try (Connection c = pool.getConnection()) {
                    found = Schema.open(c, settings);
                    break;
                } catch (SQLException | RuntimeException e) {
                    SQLException sql = StoreErrors.sqlException(e);
                    if (sql != null && sql.getErrorCode() == org.h2.api.ErrorCode.DATABASE_IS_CLOSED && attempt < 20) {
                        // H2 is still closing this file after a failure (its sessions end asynchronously): wait
                        sleep(100);
                        continue;
                    }
                    throw StoreErrors.map(e, settings.location(), "Opening", null, null);
                }
            }
            EntityManagerFactory emf = createFactory(settings, pool);
            return new Database(settings, pool, emf, found);
        } catch (CoreException | RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    private static void sleep(long millis) throws CoreException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreStatus.exception(StoreError.IO, null, null, "Interrupted while opening the store", e);
        }
    }

    /*
     * The pool: H2's JdbcConnectionPool works over any ConnectionPoolDataSource, H2's own and PostgreSQL's alike,
     * so both databases get the same pooling. For H2 it also keeps the database open between calls (H2 closes a
     * file database when its last connection closes).
     */
    private static ConnectionPoolDataSource dataSource(StoreSettings s) {
        if (s.backend() == Backend.POSTGRESQL) {
            PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
            ds.setURL(s.jdbcUrl());
            if (!s.user().isEmpty()) {
                ds.setUser(s.user());
            }
            if (!s.password().isEmpty()) {
                ds.setPassword(s.password());
            }
            ds.setApplicationName("Tidemark");
            ds.setConnectTimeout(20);
            ds.setLoginTimeout(30);
            ds.setTcpKeepAlive(true);
            // window batches go to the server as multi-row INSERTs
            ds.setReWriteBatchedInserts(true);
            /*
             * Foreign key checks run plans that PostgreSQL caches per connection. Planned while a new store's tables
             * were empty they scan the table, and keep scanning it as it grows until autovacuum analyzes it: the
             * first 100,000 messages of a new store took 81 s instead of 8 s in the benchmark. Custom plans are
             * made with the table's current size.
             */
            String options = ds.getOptions();
            ds.setOptions((options == null || options.isBlank() ? "" : options + " ")
                    + "-c plan_cache_mode=force_custom_plan");
            return ds;
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(s.jdbcUrl());
        ds.setUser(s.user());
        ds.setPassword(s.password());
        return ds;
    }

    private static EntityManagerFactory createFactory(StoreSettings s, JdbcConnectionPool pool)
            throws CoreException {
        Map<String, Object> props = new HashMap<>();
        // EclipseLink in OSGi (BUILD-NOTES): our class loader, a ready data source, no weaving
        props.put(PersistenceUnitProperties.CLASSLOADER, PersistenceUnit.class.getClassLoader());
        props.put(PersistenceUnitProperties.WEAVING, "false");
        props.put(PersistenceUnitProperties.TARGET_DATABASE, s.backend().eclipseLinkPlatform());
        props.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        props.put(PersistenceUnitProperties.BATCH_WRITING, "JDBC");
        props.put(PersistenceUnitProperties.BATCH_WRITING_SIZE, Integer.toString(BATCH));
        props.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        props.put(PersistenceUnitProperties.JOIN_EXISTING_TRANSACTION, "true");
        props.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        // bound values are mail data: never in a log
        props.put(PersistenceUnitProperties.LOGGING_PARAMETERS, "false");
        props.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "true");
        try {
            EntityManagerFactory emf = new PersistenceProvider()
                    .createContainerEntityManagerFactory(new PersistenceUnit(pool), props);
            emf.createEntityManager().close(); // deploys now: mapping errors surface at open, not at first use
            return emf;
        } catch (PersistenceException e) {
            throw StoreErrors.map(e, s.location(), "Opening", null, null);
        }
    }

    /** Creates the folder and proves it writable, so that errors name the folder rather than an H2 code. */
    private static void prepareFolder(StoreSettings s) throws CoreException {
        Path folder = s.folder();
        try {
            Files.createDirectories(folder);
        } catch (AccessDeniedException e) {
            throw unwritable(s, "cannot create the folder " + folder + " (permission denied)", e);
        } catch (FileSystemException e) {
            StoreError kind = StoreErrors.classify(e);
            if (kind == StoreError.IO && Files.exists(folder) && !Files.isDirectory(folder)) {
                throw StoreStatus.exception(StoreError.CONFIGURATION, null, null, "The store folder " + folder
                        + " is a file, not a folder", e);
            }
            throw StoreStatus.exception(kind == StoreError.IO ? StoreError.UNWRITABLE : kind, null, null,
                    "Cannot create the store folder " + folder + ": " + StoreErrors.describe(e), e);
        } catch (IOException e) {
            throw unwritable(s, "cannot create the folder " + folder + ": " + StoreErrors.describe(e), e);
        }
        if (!Files.isDirectory(folder)) {
            throw StoreStatus.exception(StoreError.CONFIGURATION, null, null,
                    "The store folder " + folder + " is a file, not a folder", null);
        }
        // a probe file: permission bits lie to root and say nothing of read-only mounts
        Path probe = folder.resolve(".tidemark-write-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            StoreError kind = StoreErrors.classify(e);
            throw StoreStatus.exception(kind == StoreError.DISK_FULL ? kind : StoreError.UNWRITABLE, null, null,
                    "The store folder " + folder + " cannot be written: " + StoreErrors.describe(e), e);
        }
        Path file = Path.of(s.location());
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw unwritable(s, "the database file is read-only", null);
        }
    }

    private static CoreException unwritable(StoreSettings s, String why, Throwable cause) {
        return StoreStatus.exception(StoreError.UNWRITABLE, null, null,
                "The store at " + s.location() + " cannot be written: " + why, cause);
    }

    StoreSettings settings() {
        return settings;
    }

    EntityManagerFactory factory() {
        return emf;
    }

    /** @return a pooled connection, auto-commit on; close it to give it back */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** @return the schema version the database had when opened (0: created now) */
    int foundVersion() {
        return foundVersion;
    }

    /** Below this share of live data in the file's chunks, closing an H2 store compacts its file. */
    static final int COMPACT_BELOW_FILL_PERCENT = 50;

    @Override
    public void close() {
        close(true);
    }

    /**
     * Closes the factory and the pool.
     *
     * @param compact whether a sparse H2 file may be compacted first; not for a database that failed (a file system
     *            that just ran full, or is read-only, is no place to rewrite it)
     */
    void close(boolean compact) {
        try {
            emf.close();
            if (compact && settings.backend() == Backend.H2 && settings.folder() != null) {
                compactIfSparse();
            }
        } finally {
            pool.dispose();
        }
    }

    /**
     * H2 writes every commit as a new chunk and frees old chunks lazily: after a large sync the file holds several
     * times its live data (measured: 300,000 messages in windows of 1,000 left a 654 MB file with 23% live data;
     * compacted, 67 MB, in 2.5 s). So closing a sparse store rewrites it compactly ({@code SHUTDOWN COMPACT}, which
     * builds the new file beside the old one and keeps the old one if interrupted).
     */
    private void compactIfSparse() {
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
            int fill;
            try (java.sql.ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
                if (!r.next()) {
                    return;
                }
                fill = Integer.parseInt(r.getString(1).trim());
            }
            if (fill < COMPACT_BELOW_FILL_PERCENT) {
                long t0 = System.nanoTime();
                s.execute("SHUTDOWN COMPACT");
                System.getLogger(Database.class.getName()).log(System.Logger.Level.INFO,
                        "Compacted the store at {0} ({1}% live data) in {2} ms", settings.location(), fill,
                        (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            // the data is safe as it is; compaction only gives space back
            System.getLogger(Database.class.getName()).log(System.Logger.Level.DEBUG, "Compaction skipped", e);
        }
    }
}
