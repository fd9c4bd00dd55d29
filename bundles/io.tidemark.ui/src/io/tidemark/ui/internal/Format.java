/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.eclipse.core.runtime.IStatus;

import io.tidemark.model.AccountId;
import io.tidemark.model.Address;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.MailboxName;
import io.tidemark.store.api.MessageRecord;

/**
 * How the views write numbers, sizes, dates and statuses. Stateless; any thread.
 */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_THIS_YEAR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.ENGLISH);

    private Format() {
    }

    /** @return {@code 12,345} */
    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }

    /** @return {@code 512 B}, {@code 12 KB}, {@code 3.4 MB} */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return (n + 512) / 1024 + " KB";
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ENGLISH, "%.1f MB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ENGLISH, "%.1f GB", n / (1024.0 * 1024 * 1024));
    }

    /** @return {@code 850 ms}, {@code 2.4 s}, {@code 3 min 2 s} */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ENGLISH, "%.1f s", ms / 1000.0);
        }
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    /** @return a message date: the time today, day and time this year, else the date */
    static String messageDate(Instant when) {
        if (when == null) {
            return "";
        }
        ZonedDateTime t = when.atZone(ZoneId.systemDefault());
        LocalDate today = LocalDate.now();
        if (t.toLocalDate().equals(today)) {
            return TIME.format(t);
        }
        if (t.getYear() == today.getYear()) {
            return DAY_THIS_YEAR.format(t);
        }
        return DAY.format(t);
    }

    /** @return a time of day with seconds */
    static String time(Instant when) {
        return when == null ? "" : TIME_SECONDS.format(when.atZone(ZoneId.systemDefault()));
    }

    /** @return the date a message list shows: INTERNALDATE, else the Date header */
    static Instant dateOf(MessageRecord m) {
        return m.internalDate() != null ? m.internalDate() : m.envelope().date();
    }

    /** @return who sent it, as a list shows it */
    static String sender(MessageRecord m) {
        Address a = m.envelope().firstFrom();
        return a == null ? "(unknown sender)" : a.displayName();
    }

    /** @return the subject, or a stand-in */
    static String subject(MessageRecord m) {
        String s = m.envelope().subject();
        return s == null || s.isBlank() ? "(no subject)" : s;
    }

    /**
     * @return the message without its leading {@code account 'x'[, mailbox 'y']: } where the view shows the
     *         account (and mailbox) in columns of their own
     */
    static String withoutWhere(String message, AccountId account, MailboxName mailbox) {
        for (String prefix : new String[] { CodedStatus.where(account, mailbox), CodedStatus.where(account, null) }) {
            if (!prefix.isEmpty() && message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    /** @return the first error or warning message of a status tree, else its own message */
    static String problem(IStatus s) {
        if (s.isMultiStatus()) {
            for (IStatus c : s.getChildren()) {
                if (c.getSeverity() == s.getSeverity()) {
                    return problem(c);
                }
            }
        }
        return s.getMessage();
    }
}
