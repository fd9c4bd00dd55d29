/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a {@link DovecotServer} advertises after login, chosen through Dovecot's {@code imap_capability}
 * setting, so that one installed server stands in for the three kinds of server the sync engine meets:
 * QRESYNC servers (Dovecot, Cyrus, Fastmail), CONDSTORE-only servers (Gmail) and plain IMAP4rev1 servers
 * (Exchange Online, Yahoo, GreenMail).
 * <p>
 * <b>What Dovecot 2.3.19 really does</b> (checked here, and proven by {@code DovecotProfileTest}):
 * <ul>
 * <li>{@link #FULL} sets nothing: before login Dovecot advertises only
 * {@code IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ [STARTTLS] AUTH=PLAIN AUTH=LOGIN}; after
 * login it adds the rest (see {@link #capabilities()}), including {@code NOTIFY} (mailbox list index) and
 * {@code SPECIAL-USE} (the special-use mailboxes of the fixture's namespace).</li>
 * <li>Any other profile sets an explicit list (no leading {@code +}), which <em>replaces</em> the list both
 * before and after login: the pre-login greeting then shows the whole explicit list plus
 * {@code [STARTTLS] AUTH=PLAIN AUTH=LOGIN}, and Dovecot no longer adds {@code LITERAL+}, {@code NOTIFY} or
 * {@code SPECIAL-USE} by itself (they are in the list where the profile wants them).</li>
 * <li>Advertising is all it changes. Dovecot still <em>executes</em> what it does not advertise:
 * {@code ENABLE QRESYNC CONDSTORE} answers {@code * ENABLED QRESYNC CONDSTORE}, {@code SELECT box
 * (CONDSTORE)} and {@code (QRESYNC (...))} return {@code HIGHESTMODSEQ}, and {@code APPEND} still returns
 * {@code APPENDUID} without {@code UIDPLUS}. A client that ignores the capability list therefore passes
 * against these profiles; GreenMail is the server that really refuses ({@code BAD} for
 * {@code ENABLE}).</li>
 * </ul>
 *
 * @since 0.1
 */
public enum CapabilityProfile {

    /** Everything Dovecot 2.3 offers: QRESYNC, CONDSTORE, UIDPLUS, MOVE, IDLE, NOTIFY, SPECIAL-USE... */
    FULL(Lists.FULL),

    /** As {@link #FULL} without {@code QRESYNC}: a Gmail-like server. */
    CONDSTORE_ONLY(Lists.without(Lists.FULL, "QRESYNC")),

    /**
     * A basic IMAP4rev1 server: {@code IMAP4rev1 SASL-IR LOGIN-REFERRALS ID IDLE NAMESPACE UNSELECT CHILDREN
     * LITERAL+ UIDPLUS MOVE}; no ENABLE, CONDSTORE, QRESYNC, ESEARCH, LIST-STATUS, NOTIFY or SPECIAL-USE.
     * Drop {@code UIDPLUS} and {@code MOVE} too with
     * {@link DovecotServer.Builder#withoutCapabilities(String...)}.
     */
    PLAIN(List.of("IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "IDLE", "NAMESPACE", "UNSELECT", "CHILDREN",
            "LITERAL+", "UIDPLUS", "MOVE"));

    private final List<String> capabilities;

    CapabilityProfile(List<String> capabilities) {
        this.capabilities = capabilities;
    }

    /**
     * @return the capabilities Dovecot 2.3.19 advertises after login under this profile, in its order
     */
    public List<String> capabilities() {
        return capabilities;
    }

    private static final class Lists {
        /** Dovecot 2.3.19's own post-login list with this fixture's configuration. */
        static final List<String> FULL = List.of(("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY "
                + "THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT "
                + "CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES "
                + "WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE "
                + "SAVEDATE LITERAL+ NOTIFY SPECIAL-USE").split(" "));

        static List<String> without(List<String> list, String... drop) {
            List<String> l = new ArrayList<>(list);
            l.removeAll(Arrays.asList(drop));
            return Collections.unmodifiableList(l);
        }
    }
}
