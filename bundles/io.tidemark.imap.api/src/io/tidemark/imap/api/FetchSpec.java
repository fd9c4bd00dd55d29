/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a UID FETCH asks for.
 *
 * @param items the data items; UID is always included
 * @param headerFields the header names for {@link FetchItem#HEADER_FIELDS}
 * @param changedSince if above zero, the CHANGEDSINCE modifier (RFC 7162): only messages whose MODSEQ
 *            is greater are returned
 * @param vanished with {@code changedSince} on a QRESYNC session: also report expunged UIDs of the range as
 *            {@code VANISHED (EARLIER)} to {@link MessageSink#vanished}
 * @since 0.1
 */
public record FetchSpec(Set<FetchItem> items, List<String> headerFields, long changedSince, boolean vanished) {

    /** UID and FLAGS: the cheapest full-state fetch. */
    public static final FetchSpec FLAGS = of(FetchItem.FLAGS);

    /** Copies and validates. */
    public FetchSpec {
        items = items == null || items.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(items));
        headerFields = headerFields == null ? List.of() : List.copyOf(headerFields);
        if (items.contains(FetchItem.HEADER_FIELDS) && headerFields.isEmpty()) {
            throw new IllegalArgumentException("HEADER_FIELDS needs header names");
        }
        if (changedSince < 0) {
            throw new IllegalArgumentException("changedSince < 0");
        }
        if (vanished && changedSince == 0) {
            throw new IllegalArgumentException("VANISHED needs CHANGEDSINCE");
        }
    }

    /** @return a spec for these items, no modifiers */
    public static FetchSpec of(FetchItem... items) {
        return new FetchSpec(items.length == 0 ? Set.of() : EnumSet.of(items[0], items), List.of(), 0, false);
    }

    /** @return this spec with {@code CHANGEDSINCE modSeq} */
    public FetchSpec changedSince(long modSeq) {
        return new FetchSpec(items, headerFields, modSeq, vanished);
    }

    /** @return this spec with CHANGEDSINCE and VANISHED (QRESYNC) */
    public FetchSpec changedSinceWithVanished(long modSeq) {
        return new FetchSpec(items, headerFields, modSeq, true);
    }

    /** @return this spec also fetching these header fields */
    public FetchSpec withHeaderFields(String... names) {
        EnumSet<FetchItem> s = items.isEmpty() ? EnumSet.noneOf(FetchItem.class) : EnumSet.copyOf(items);
        s.add(FetchItem.HEADER_FIELDS);
        return new FetchSpec(s, List.of(names), changedSince, vanished);
    }

    /** @return whether {@code item} is asked for */
    public boolean has(FetchItem item) {
        return items.contains(item);
    }
}
