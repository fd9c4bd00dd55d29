/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Locale;

/**
 * The full name of a mailbox as Unicode text ({@code INBOX}, {@code Archive/2024}), with the server's
 * hierarchy delimiter inside it. The transport converts to and from modified UTF-7 on the wire.
 * {@code INBOX} is case-insensitive in IMAP and is normalized to upper case here, so
 * {@code MailboxName.of("inbox").equals(MailboxName.INBOX)}.
 *
 * @param value the mailbox name, not empty
 * @since 0.1
 */
public record MailboxName(String value) implements Comparable<MailboxName> {

    /** The inbox. */
    public static final MailboxName INBOX = new MailboxName("INBOX");

    /** Validates and normalizes the name. */
    public MailboxName {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Empty mailbox name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Mailbox name contains CR, LF or NUL");
        }
        if (value.equalsIgnoreCase("INBOX")) {
            value = "INBOX";
        }
    }

    /** @return the mailbox named {@code value} */
    public static MailboxName of(String value) {
        return new MailboxName(value);
    }

    /** @return whether this is the inbox */
    public boolean isInbox() {
        return value.equals("INBOX");
    }

    /**
     * @param delimiter the server's hierarchy delimiter, or 0 if it has none
     * @return the last segment of the name ({@code 2024} for {@code Archive/2024})
     */
    public String leaf(char delimiter) {
        if (delimiter == 0) {
            return value;
        }
        int i = value.lastIndexOf(delimiter);
        return i < 0 ? value : value.substring(i + 1);
    }

    /** Orders INBOX first, then by name. */
    @Override
    public int compareTo(MailboxName o) {
        if (isInbox() != o.isInbox()) {
            return isInbox() ? -1 : 1;
        }
        int c = value.toLowerCase(Locale.ROOT).compareTo(o.value.toLowerCase(Locale.ROOT));
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
