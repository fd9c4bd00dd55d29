/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

/**
 * A response that does not follow the IMAP syntax, found by this bundle's own parsers. The session turns it
 * into an {@code ImapError.PROTOCOL} status naming the offending line.
 */
final class ResponseFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ResponseFormatException(String message) {
        super(message);
    }
}
