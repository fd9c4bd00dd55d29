/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.function.Consumer;

/**
 * The protocol trace of one session: receives finished trace lines from the two {@link WireTap}s and hands
 * them to the consumer given in {@code SessionOptions.trace}. While {@link #sensitive(boolean) sensitive}
 * (during authentication) the taps replace client lines and server continuation data by {@code ***}.
 * <p>
 * Thread-safe. The consumer is called on the thread that moved the bytes; its exceptions are swallowed so
 * that a broken trace never breaks a session.
 */
final class WireTrace {

    private final Consumer<String> consumer;
    private volatile boolean sensitive;

    /** @param consumer receives trace lines, or null for no trace (only the sensitive flag is kept) */
    WireTrace(Consumer<String> consumer) {
        this.consumer = consumer;
    }

    /** @return whether lines are emitted at all */
    boolean enabled() {
        return consumer != null;
    }

    /** @param on whether credentials are being exchanged */
    void sensitive(boolean on) {
        sensitive = on;
    }

    boolean sensitive() {
        return sensitive;
    }

    void emit(String line) {
        if (consumer == null) {
            return;
        }
        try {
            synchronized (this) {
                consumer.accept(line);
            }
        } catch (RuntimeException e) {
            // A trace consumer must not break the session; the line is lost.
        }
    }
}
