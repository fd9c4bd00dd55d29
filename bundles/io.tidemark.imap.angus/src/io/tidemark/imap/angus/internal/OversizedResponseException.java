/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;

/**
 * The server announced a literal, or sent a line, larger than this JVM can hold. Thrown by the
 * {@link WireTap} before the parser allocates a buffer for it; the session maps it to a protocol error.
 */
final class OversizedResponseException extends IOException {

    private static final long serialVersionUID = 1L;

    OversizedResponseException(String message) {
        super(message);
    }
}
