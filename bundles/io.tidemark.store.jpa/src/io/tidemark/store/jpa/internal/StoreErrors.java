/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.ReadOnlyFileSystemException;
import java.sql.SQLException;
import java.util.Locale;

import org.eclipse.core.runtime.CoreException;
import org.h2.api.ErrorCode;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * Maps database exceptions (JDBC, EclipseLink, H2's file layer) to {@link StoreStatus} codes, once, at the
 * store's boundary. Messages name the store's location and the database's own reason, never credentials
 * (neither H2 nor PostgreSQL puts a password in a message; the location is shown without them).
 */
final class StoreErrors {

    private static final int MAX_REASON = 400;

    private StoreErrors() {
    }

    /**
     * @param e what the database layer threw
     * @param location where the store lives
     * @param what what the store was doing, e.g. "Writing to"
     * @return the exception to throw
     */
    static CoreException map(Throwable e, String location, String what, AccountId account, MailboxName mailbox) {
        if (e instanceof CoreException ce) {
            return ce;
        }
        StoreError error = classify(e);
        String hint = switch (error) {
            case LOCKED -> " (another program, or another Tidemark, has the database open or a row locked)";
            case UNWRITABLE -> " (the database or its folder cannot be written)";
            case DISK_FULL -> " (the disk is full)";
            default -> "";
        };
        return StoreStatus.exception(error, account, mailbox,
                what + " the store at " + location + " failed" + hint + ": " + describe(e), e);
    }

    /** @return the store error a database failure means */
    static StoreError classify(Throwable e) {
        // the file system's own words decide first: H2 wraps them in several codes
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Codec.Damaged) {
                return StoreError.CORRUPT;
            }
            if (t instanceof AccessDeniedException || t instanceof ReadOnlyFileSystemException) {
                return StoreError.UNWRITABLE;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left on device") || m.contains("disk quota exceeded")
                    || m.contains("not enough space on the disk")) {
                return StoreError.DISK_FULL;
            }
            if (m.contains("read-only file system") || m.contains("permission denied")
                    || (t instanceof FileSystemException && m.contains("access denied"))) {
                return StoreError.UNWRITABLE;
            }
        }
        SQLException sql = sqlException(e);
        if (sql == null) {
            return StoreError.IO;
        }
        StoreError h2 = h2(sql.getErrorCode());
        if (h2 != null) {
            return h2;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
            return StoreError.IO; // connection lost, server shutting down
        }
        if (state.startsWith("28") || state.equals("3D000") || state.equals("3F000")) {
            return StoreError.CONFIGURATION; // bad user or password, no such database or schema
        }
        return switch (state) {
            case "53100" -> StoreError.DISK_FULL;
            case "55P03", "40001", "40P01" -> StoreError.LOCKED;
            case "25006", "42501" -> StoreError.UNWRITABLE;
            case "XX001", "XX002" -> StoreError.CORRUPT;
            case "23503" -> StoreError.NOT_FOUND;
            default -> state.startsWith("23") ? StoreError.INVALID : StoreError.IO;
        };
    }

    private static StoreError h2(int code) {
        return switch (code) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1, ErrorCode.LOCK_TIMEOUT_1, ErrorCode.DEADLOCK_1,
                    ErrorCode.CONCURRENT_UPDATE_1 ->
                StoreError.LOCKED;
            case ErrorCode.FILE_CORRUPTED_1 -> StoreError.CORRUPT;
            case ErrorCode.DATABASE_IS_READ_ONLY, ErrorCode.FILE_CREATION_FAILED_1 -> StoreError.UNWRITABLE;
            case ErrorCode.WRONG_USER_OR_PASSWORD, ErrorCode.DATABASE_NOT_FOUND_1,
                    ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1, ErrorCode.URL_FORMAT_ERROR_2,
                    ErrorCode.UNSUPPORTED_SETTING_1 ->
                StoreError.CONFIGURATION;
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1 -> StoreError.NOT_FOUND;
            case ErrorCode.DUPLICATE_KEY_1 -> StoreError.INVALID;
            default -> null;
        };
    }

    /** @return the first {@link SQLException} in the cause chain, or null */
    static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * @return the database's reason for a failure, short: the deepest SQL message (or the exception's), without
     *         the SQL statement H2 appends
     */
    static String describe(Throwable e) {
        SQLException sql = sqlException(e);
        Throwable t = sql != null ? sql : e;
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        int stmt = m.indexOf("; SQL statement:");
        if (stmt >= 0) {
            m = m.substring(0, stmt);
        }
        m = m.strip().replaceAll("\\s+", " ");
        return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) + "..." : m;
    }
}
