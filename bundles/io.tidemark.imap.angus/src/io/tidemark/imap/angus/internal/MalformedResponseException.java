/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import org.eclipse.angus.mail.iap.ParsingException;

/**
 * A response Angus could not parse. It was read completely, so the connection is still in step; the session
 * keeps reading to the command's end and then reports a protocol error with {@link #line()}.
 */
final class MalformedResponseException extends ParsingException {

    private static final long serialVersionUID = 1L;

    private final String line;

    MalformedResponseException(String line, String problem) {
        super(problem);
        this.line = line;
    }

    /** @return the offending response, shortened and printable */
    String line() {
        return line;
    }
}
