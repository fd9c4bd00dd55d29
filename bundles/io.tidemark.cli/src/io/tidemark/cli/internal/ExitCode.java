/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

/**
 * The exit codes of {@code tidemark}: one per kind of failure a script may want to react to. Listed in the
 * {@code --help} footer and in docs/cli.md; keep the three in step (a test checks the footer).
 */
public enum ExitCode {
    /** Everything worked. */
    OK(0, "success"),
    /** An unexpected failure (a bug); --verbose shows the stack trace. */
    INTERNAL(1, "unexpected error (a bug; run with --verbose and report it)"),
    /** The command line is wrong. */
    USAGE(2, "bad command line"),
    /** The configuration file is malformed. */
    CONFIG(3, "malformed configuration file"),
    /** The account or mailbox named is not configured or not in the store. */
    NOT_FOUND(4, "unknown account, or mailbox or message not in the store"),
    /** The sync ran but some mailboxes failed; the others are in sync. */
    PARTIAL(5, "some mailboxes failed, the others synced"),
    /** The server's host name does not resolve. */
    UNKNOWN_HOST(10, "unknown host"),
    /** Nothing listens on the server's port. */
    CONNECTION_REFUSED(11, "connection refused"),
    /** The server did not answer in time. */
    TIMEOUT(12, "timeout"),
    /** The server's TLS certificate is not trusted. */
    TLS_UNTRUSTED(13, "TLS certificate not trusted"),
    /** The server rejected the credentials, or none could be had. */
    AUTHENTICATION(14, "authentication failed"),
    /** A mailbox named on the command line or in the configuration does not exist on the server. */
    FOLDER_NOT_FOUND(15, "folder not found"),
    /** The connection dropped, the server said BYE, or the TLS handshake failed. */
    NETWORK(16, "connection lost or TLS handshake failed"),
    /** The server rejected a command or answered something unreadable. */
    PROTOCOL(17, "server rejected a command or sent an unreadable answer"),
    /** Another process holds the store. */
    STORE_LOCKED(20, "store locked by another process"),
    /** The store cannot be written. */
    STORE_UNWRITABLE(21, "store not writable"),
    /** The store was written by a newer Tidemark. */
    STORE_SCHEMA_NEWER(22, "store written by a newer Tidemark"),
    /** Another store failure (I/O, disk full, damaged database, bad store location). */
    STORE(23, "other store failure (disk full, damaged, bad location)"),
    /** Another worker sharing the store is syncing the account. */
    ACCOUNT_BUSY(24, "account busy: another worker of a shared store is syncing it"),
    /** Ctrl-C. */
    CANCELED(130, "interrupted (Ctrl-C); the store is consistent");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** @return the process exit code */
    public int code() {
        return code;
    }

    /** @return what it means, for the help footer */
    public String meaning() {
        return meaning;
    }

    /** @return the table for the {@code --help} footer */
    static String table() {
        StringBuilder sb = new StringBuilder("Exit codes:%n");
        for (ExitCode c : values()) {
            sb.append(String.format("  %3d  %s%%n", c.code, c.meaning));
        }
        return sb.toString();
    }
}
