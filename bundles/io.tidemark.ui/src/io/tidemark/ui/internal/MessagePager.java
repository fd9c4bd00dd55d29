/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/**
 * The rows of one mailbox in one order, as the store had them at one moment, fetched a page at a time with
 * {@link MailStore#page} and kept in a bounded cache (the newest {@value #MAX_PAGES} pages). A store change
 * replaces the whole pager, so rows of different moments are never mixed.
 * <p>
 * Thread-safe: the UI thread reads rows, a job loads pages.
 */
final class MessagePager {

    /** Rows per page: a few screens, small enough to load in a few milliseconds at any offset. */
    static final int PAGE = 100;

    /** Pages kept: 10,000 rows. */
    static final int MAX_PAGES = 100;

    private final MailboxRef mailbox;
    private final MessageOrder order;
    private final int total;
    private final UidSet pending;
    private final Map<Integer, List<MessageRecord>> pages = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<MessageRecord>> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private final Set<Integer> requested = new HashSet<>();

    /**
     * @param mailbox the mailbox
     * @param order the order
     * @param total the number of visible messages
     * @param pending UIDs with a local change the server has not acknowledged
     */
    MessagePager(MailboxRef mailbox, MessageOrder order, int total, UidSet pending) {
        this.mailbox = mailbox;
        this.order = order;
        this.total = total;
        this.pending = pending;
    }

    MailboxRef mailbox() {
        return mailbox;
    }

    MessageOrder order() {
        return order;
    }

    /** @return the number of rows */
    int total() {
        return total;
    }

    /** @return whether the message has a local change waiting for the server */
    boolean pending(long uid) {
        return pending.contains(uid);
    }

    /** @return the UIDs with a local change waiting for the server */
    UidSet pending() {
        return pending;
    }

    /** @return the message at the row if its page is loaded, else null */
    synchronized MessageRecord get(int index) {
        List<MessageRecord> p = pages.get(index / PAGE);
        int i = index % PAGE;
        return p != null && i < p.size() ? p.get(i) : null;
    }

    /** @return the row, loaded or a stand-in */
    MessageRow row(int index) {
        MessageRecord m = get(index);
        return m == null ? MessageRow.loading(mailbox, index) : new MessageRow(mailbox, index, m, pending(m.uid()));
    }

    /** @return whether the page is loaded */
    synchronized boolean has(int page) {
        return pages.containsKey(page);
    }

    /** @return true if the page is neither loaded nor asked for yet (and marks it asked for) */
    synchronized boolean request(int page) {
        return page >= 0 && page * (long) PAGE < total && !pages.containsKey(page) && requested.add(page);
    }

    /** Reads a page from the store; blocks on store I/O, so never on the UI thread. */
    List<MessageRecord> load(MailStore store, int page) throws CoreException {
        List<MessageRecord> rows = store.page(mailbox, order, page * PAGE, PAGE);
        put(page, rows);
        return rows;
    }

    /** Keeps a loaded page. */
    synchronized void put(int page, List<MessageRecord> rows) {
        pages.put(page, List.copyOf(rows));
        requested.remove(page);
    }

    /** Forgets that a page was asked for (its load failed), so that it is asked for again. */
    synchronized void forget(int page) {
        requested.remove(page);
    }

    /** @return the row of a message among the loaded pages */
    synchronized OptionalInt indexOf(long uid) {
        for (Map.Entry<Integer, List<MessageRecord>> e : pages.entrySet()) {
            List<MessageRecord> rows = e.getValue();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).uid() == uid) {
                    return OptionalInt.of(e.getKey() * PAGE + i);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** @return how many pages are loaded */
    synchronized int loadedPages() {
        return pages.size();
    }
}
