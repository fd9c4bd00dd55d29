/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

/**
 * An IMAP command of an {@link OtherClient} was answered {@code NO} or {@code BAD}. The message names the
 * command (never a password) and the server's answer.
 *
 * @since 0.1
 */
public final class ImapCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String status;

    /**
     * @param message what failed, with the server's answer
     * @param status {@code NO} or {@code BAD}
     */
    public ImapCommandException(String message, String status) {
        super(message);
        this.status = status;
    }

    /** @return {@code NO} or {@code BAD} (or {@code BYE} when the server closed the connection) */
    public String status() {
        return status;
    }
}
