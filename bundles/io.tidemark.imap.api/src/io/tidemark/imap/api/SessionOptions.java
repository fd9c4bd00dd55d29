/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.util.function.Consumer;

/**
 * How a session is opened.
 *
 * @param events receives unsolicited server events; {@link ServerEventListener#NONE} by default
 * @param trace receives the protocol trace, one line at a time, prefixed {@code C: } or {@code S: }, with
 *            credentials replaced by {@code ***} and literals longer than 256 bytes elided; null for no trace
 * @param enableExtensions whether to send {@code ENABLE CONDSTORE QRESYNC} when the server offers them
 *            (true by default; false forces the fallback paths)
 * @param compress whether to use COMPRESS=DEFLATE when offered
 * @since 0.1
 */
public record SessionOptions(ServerEventListener events, Consumer<String> trace, boolean enableExtensions,
        boolean compress) {

    /** The defaults: no listener, no trace, extensions enabled, no compression. */
    public static final SessionOptions DEFAULT = new SessionOptions(null, null, true, false);

    /** Replaces a null listener with {@link ServerEventListener#NONE}. */
    public SessionOptions {
        events = events == null ? ServerEventListener.NONE : events;
    }

    /** @return these options with another listener */
    public SessionOptions withEvents(ServerEventListener listener) {
        return new SessionOptions(listener, trace, enableExtensions, compress);
    }

    /** @return these options with a protocol trace */
    public SessionOptions withTrace(Consumer<String> t) {
        return new SessionOptions(events, t, enableExtensions, compress);
    }

    /** @return these options without ENABLE of CONDSTORE/QRESYNC */
    public SessionOptions withoutExtensions() {
        return new SessionOptions(events, trace, false, compress);
    }
}
