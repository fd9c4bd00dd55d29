/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * The kinds of failure a transport reports, each with its numeric {@code IStatus} code and whether it
 * is worth retrying and whether it means the server is out of reach.
 *
 * @since 0.1
 */
public enum ImapError {
    /** The server rejected the credentials, or no credentials could be had. Not retried: the user must act. */
    AUTHENTICATION(101, false, false),
    /** The host name does not resolve. */
    UNKNOWN_HOST(102, true, true),
    /** Nothing listens on the port, or the network is unreachable. */
    CONNECTION_REFUSED(103, true, true),
    /** Another I/O failure: the connection dropped, was reset, or closed mid-response. */
    NETWORK(104, true, true),
    /** The server did not answer within the read or connect timeout. */
    TIMEOUT(105, true, true),
    /** The server's certificate is not trusted (not in the trust store, wrong host, or not the pinned one). */
    TLS_TRUST(106, false, false),
    /** The TLS handshake failed for another reason (protocol versions, ciphers). */
    TLS_HANDSHAKE(107, false, false),
    /** The server closed the session with BYE (shutdown, too many connections, idle timeout). */
    SERVER_BYE(108, true, true),
    /** The server answered NO or BAD to a command. */
    COMMAND_REJECTED(109, false, false),
    /** The mailbox does not exist (NO [NONEXISTENT] or an equivalent answer). */
    MAILBOX_MISSING(110, false, false),
    /** The server's response could not be parsed; the message shows the offending line, truncated. */
    PROTOCOL(111, false, false),
    /** The operation needs a capability the server does not offer (e.g. UID EXPUNGE without UIDPLUS). */
    CAPABILITY_MISSING(112, false, false),
    /** The server is throttling this client (O365 "Request is throttled", [LIMIT], [INUSE]). */
    THROTTLED(113, true, false),
    /** The operation was canceled through its progress monitor or {@code abort()}. */
    CANCELED(114, false, false),
    /** The configuration cannot work (e.g. a plain connection that the account does not allow). */
    CONFIGURATION(115, false, false);

    private final int code;
    private final boolean retryable;
    private final boolean offline;

    ImapError(int code, boolean retryable, boolean offline) {
        this.code = code;
        this.retryable = retryable;
        this.offline = offline;
    }

    /** @return the numeric code used as {@code IStatus.getCode()} */
    public int code() {
        return code;
    }

    /** @return whether retrying later, unchanged, may succeed */
    public boolean retryable() {
        return retryable;
    }

    /** @return whether the failure means the server is out of reach */
    public boolean offline() {
        return offline;
    }

    /** @return the error of that code, if any */
    public static java.util.Optional<ImapError> fromCode(int code) {
        for (ImapError e : values()) {
            if (e.code == code) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
