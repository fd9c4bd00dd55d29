/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

/**
 * The kinds of failure a store reports.
 *
 * @since 0.1
 */
public enum StoreError {
    /** Reading or writing the database failed (I/O, connection to a shared database lost). */
    IO(201, true),
    /** The database is locked by another process or writer. */
    LOCKED(202, true),
    /** The database or its folder cannot be written (permissions, read-only file system). */
    UNWRITABLE(203, false),
    /** The disk is full. */
    DISK_FULL(204, true),
    /** The database content is damaged or inconsistent. */
    CORRUPT(205, false),
    /** The database was written by a newer Tidemark (its schema version is above ours). */
    SCHEMA_NEWER(206, false),
    /** An older schema could not be migrated. */
    SCHEMA_MIGRATION(207, false),
    /** The referenced account, mailbox, message or journal entry does not exist. */
    NOT_FOUND(208, false),
    /** The call breaks a store rule (e.g. a message for a mailbox that has no UIDVALIDITY yet). */
    INVALID(209, false),
    /** The store has been closed or deactivated. */
    CLOSED(210, false),
    /** The store's configuration is unusable (bad JDBC URL, missing driver, bad folder). */
    CONFIGURATION(211, false);

    private final int code;
    private final boolean retryable;

    StoreError(int code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    /** @return the numeric {@code IStatus} code */
    public int code() {
        return code;
    }

    /** @return whether retrying later, unchanged, may succeed */
    public boolean retryable() {
        return retryable;
    }
}
