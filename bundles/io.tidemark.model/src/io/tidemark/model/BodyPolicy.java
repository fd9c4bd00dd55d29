/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Locale;

/**
 * What of a message's content the replica keeps.
 *
 * @param mode what to download
 * @param maxSize for {@link Mode#FULL_UP_TO}: the largest message (RFC822.SIZE, bytes) whose body is
 *            downloaded; larger ones keep headers and structure only. Ignored for other modes.
 * @since 0.1
 */
public record BodyPolicy(Mode mode, long maxSize) {

    /** Headers and structure only: the default. */
    public static final BodyPolicy HEADERS = new BodyPolicy(Mode.HEADERS, 0);

    /** Every message in full. */
    public static final BodyPolicy FULL = new BodyPolicy(Mode.FULL, 0);

    /**
     * What to download.
     *
     * @since 0.1
     */
    public enum Mode {
        /** Envelope, headers and BODYSTRUCTURE. */
        HEADERS,
        /** Full bodies of messages up to {@code maxSize}, headers for larger ones. */
        FULL_UP_TO,
        /** Every body in full. */
        FULL
    }

    /** Validates the size. */
    public BodyPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode is null");
        }
        if (mode == Mode.FULL_UP_TO && maxSize <= 0) {
            throw new IllegalArgumentException("FULL_UP_TO needs a positive maxSize");
        }
        if (mode != Mode.FULL_UP_TO) {
            maxSize = 0;
        }
    }

    /** @return full bodies up to {@code maxSize} bytes */
    public static BodyPolicy upTo(long maxSize) {
        return new BodyPolicy(Mode.FULL_UP_TO, maxSize);
    }

    /** @return whether a message of {@code size} bytes is downloaded in full */
    public boolean wantsBody(long size) {
        return switch (mode) {
            case HEADERS -> false;
            case FULL -> true;
            case FULL_UP_TO -> size >= 0 && size <= maxSize;
        };
    }

    /**
     * Parses the command-line and config-file form.
     *
     * @param text {@code headers}, {@code full} or {@code max=SIZE} where SIZE takes an optional
     *            {@code k}, {@code m} or {@code g} suffix (powers of 1024)
     * @return the policy
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    public static BodyPolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("headers")) {
            return HEADERS;
        }
        if (t.equals("full")) {
            return FULL;
        }
        if (t.startsWith("max=") && t.length() > 4) {
            String n = t.substring(4);
            long mult = 1;
            char last = n.charAt(n.length() - 1);
            if (last == 'k' || last == 'm' || last == 'g') {
                mult = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
                n = n.substring(0, n.length() - 1);
            }
            try {
                return upTo(Math.multiplyExact(Long.parseLong(n), mult));
            } catch (IllegalArgumentException | ArithmeticException e) {
                // not a number, or a size below 1: fall through to the error naming the text
            }
        }
        throw new IllegalArgumentException("Not a body policy: '" + text + "' (use headers, full or max=SIZE)");
    }

    @Override
    public String toString() {
        return switch (mode) {
            case HEADERS -> "headers";
            case FULL -> "full";
            case FULL_UP_TO -> "max=" + maxSize;
        };
    }
}
