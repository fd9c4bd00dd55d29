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
            try (Connection c = pool.getConnection()) {
                found = Schema.open(c, settings);
            } catch (SQLException | RuntimeException e) {
                throw StoreErrors.map(e, settings.location(), "Opening", null, null);
            }
            EntityManagerFactory emf = createFactory(settings, pool);
            return new Database(settings, pool, emf, found);
        } catch (CoreException | RuntimeException e) {
            pool.dispose();
            throw e;
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

    @Override
    public void close() {
        try {
            emf.close();
        } finally {
            pool.dispose();
        }
    }
}
