/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import io.tidemark.model.UidSet;

/**
 * The answer of a UID SEARCH: an {@code ESEARCH} response (RFC 4731) {@code * ESEARCH (TAG "a1") UID ALL
 * 1:3,5}, or a classic {@code * SEARCH 1 2 3} (with an optional {@code (MODSEQ n)} under CONDSTORE).
 *
 * @param tag the command tag the ESEARCH response names, or null (classic SEARCH, or none given)
 * @param uids the matching numbers
 */
record SearchResult(String tag, UidSet uids) {

    /** @param r a response whose key is ESEARCH */
    static SearchResult esearch(WireResponse r) {
        return parseEsearch(r.lexer());
    }

    /** @param lx positioned after the word ESEARCH */
    static SearchResult parseEsearch(Lexer lx) {
        String tag = null;
        if (lx.accept('(')) {
            if (!lx.acceptWord("TAG")) {
                throw lx.error("ESEARCH correlator other than TAG");
            }
            tag = lx.astring();
            lx.expect(')');
        }
        lx.acceptWord("UID");
        UidSet all = UidSet.empty();
        while (!lx.atEnd()) {
            String name = lx.atom();
            if (name.equalsIgnoreCase("ALL")) {
                all = all.union(lx.sequenceSet());
            } else {
                // MIN, MAX, COUNT, MODSEQ, PARTIAL...: not asked for; skip their values
                lx.skipValue();
            }
        }
        return new SearchResult(tag, all);
    }

    /** @param r a response whose key is SEARCH */
    static SearchResult search(WireResponse r) {
        return parseSearch(r.lexer());
    }

    /** @param lx positioned after the word SEARCH */
    static SearchResult parseSearch(Lexer lx) {
        UidSet.Builder b = UidSet.builder();
        while (!lx.atEnd()) {
            if (lx.peek() == '(') {
                // (MODSEQ n) of a CONDSTORE search
                lx.skipValue();
                continue;
            }
            long n = lx.number();
            if (n < 1 || n > UidSet.MAX_UID) {
                throw lx.error("SEARCH number out of range");
            }
            b.add(n);
        }
        return new SearchResult(null, b.build());
    }
}
