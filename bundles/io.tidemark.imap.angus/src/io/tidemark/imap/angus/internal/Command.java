/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.tidemark.model.MailboxName;
import io.tidemark.model.UidSet;

/**
 * One IMAP command as text and literals, without its tag; built with {@link #builder(String)}. Strings are
 * written as quoted strings when they are short 7-bit text, otherwise as literals (UTF-8), so that any
 * value reaches the server intact.
 *
 * @param verb the command name used in messages, e.g. {@code UID FETCH}
 * @param parts the pieces: {@link String}s (ASCII text) and {@link Literal}s
 * @param mailbox the mailbox a failure is about, or null
 * @param mayBeMissing whether a NO may mean that {@code mailbox} does not exist
 */
record Command(String verb, List<Object> parts, MailboxName mailbox, boolean mayBeMissing) {

    /** The longest command line this client writes (RFC 7162 §4 asks clients to stay near 8192 octets). */
    static final int MAX_LINE = 8000;

    /** Quoted strings longer than this are sent as literals. */
    private static final int MAX_QUOTED = 1000;

    /** Literal data. @param data the bytes */
    record Literal(byte[] data) {
    }

    /** @return the command's text with literals shown as their size, for tests and messages */
    String shown() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Literal l) {
                sb.append("{").append(l.data().length).append("}");
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    static Builder builder(String verb) {
        return new Builder(verb);
    }

    /** Builds a {@link Command}; starts with the verb text. Not thread-safe. */
    static final class Builder {
        private final String verb;
        private final List<Object> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private MailboxName mailbox;
        private boolean mayBeMissing;

        private Builder(String verb) {
            this.verb = verb;
            text.append(verb);
        }

        /** Appends raw ASCII text (atoms, numbers, parentheses) preceded by a space. */
        Builder sp(String atoms) {
            text.append(' ').append(atoms);
            return this;
        }

        /** Appends raw ASCII text without a space. */
        Builder raw(String atoms) {
            text.append(atoms);
            return this;
        }

        /** Appends a set with explicit bounds, preceded by a space. */
        Builder set(UidSet set) {
            if (set.isEmpty()) {
                throw new IllegalArgumentException("empty set");
            }
            return sp(set.toExplicitString());
        }

        /** Appends a string argument (quoted or literal), preceded by a space. */
        Builder string(String value) {
            text.append(' ');
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (quotable(bytes)) {
                text.append('"');
                for (byte b : bytes) {
                    if (b == '"' || b == '\\') {
                        text.append('\\');
                    }
                    text.append((char) b);
                }
                text.append('"');
            } else {
                literal(bytes);
            }
            return this;
        }

        /** Appends a mailbox name (modified UTF-7, quoted), preceded by a space; failures name it. */
        Builder mailbox(MailboxName name) {
            return mailbox(name, true);
        }

        /**
         * @param name the mailbox
         * @param subject whether the command's failure is about this mailbox (false for a target)
         */
        Builder mailbox(MailboxName name, boolean subject) {
            if (subject || mailbox == null) {
                mailbox = name;
            }
            return string(MailboxCodec.encode(name));
        }

        /** A NO to this command may mean that its mailbox does not exist. */
        Builder mayBeMissing() {
            mayBeMissing = true;
            return this;
        }

        /** Appends literal data right here (the caller wrote the separator). */
        Builder literal(byte[] data) {
            flushText();
            parts.add(new Literal(data));
            return this;
        }

        private void flushText() {
            if (!text.isEmpty()) {
                parts.add(text.toString());
                text.setLength(0);
            }
        }

        Command build() {
            flushText();
            return new Command(verb, Collections.unmodifiableList(new ArrayList<>(parts)), mailbox, mayBeMissing);
        }

        private static boolean quotable(byte[] b) {
            if (b.length > MAX_QUOTED) {
                return false;
            }
            for (byte x : b) {
                if (x <= 0 || x == '\r' || x == '\n') {
                    return false; // 8-bit (negative), NUL, CR, LF need a literal
                }
            }
            return true;
        }
    }
}
