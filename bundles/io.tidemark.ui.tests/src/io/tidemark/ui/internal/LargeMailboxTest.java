/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/**
 * The Messages view with 100,000 messages: it opens, jumps and sorts showing the right rows, and prints how
 * much UI-thread time that took (a benchmark: the figures are printed and written to
 * {@code target/messages-view-100k.txt}, not asserted).
 * <p>
 * UI-thread time is measured as the time spent inside {@code Display.readAndDispatch} (every event, paint and
 * asynchronous runnable the open caused, SWT's own work included) until every row in sight shows its message;
 * the longest single dispatch is the worst freeze a user could feel.
 */
class LargeMailboxTest {

    private static final int N = 100_000;
    private static MailStore store;
    private static MessagesView messages;
    private static AccountConfig account;
    private static MailboxRef big;
    private static final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void fill() throws Exception {
        Services.secrets();
        store = Services.store();
        Prefs.quiet();
        Ui.openPerspective();
        messages = Ui.view(MessagesView.ID);
        account = StoreMail.account("big-mailbox");
        long t0 = System.nanoTime();
        big = StoreMail.fill(store, account, "INBOX", N);
        figure("store filled with %,d records in %d ms (memory store, 20 transactions)", N, ms(System.nanoTime() - t0));
        Ui.waitUntil("the views digested the fill", () -> !messages.refresher().busy());
        Ui.pump(500);
    }

    @AfterAll
    static void report() throws Exception {
        StoreMail.remove(store, account.id());
        Path out = Path.of("target", "messages-view-100k.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, figures);
    }

    /** Time inside readAndDispatch (UI-thread work) until the condition holds. */
    record Measure(long wallMs, long uiMs, long longestDispatchMs, int dispatches) {
    }

    private static Measure measure(BooleanSupplier done) {
        Display d = Ui.display();
        long start = System.nanoTime();
        long busy = 0;
        long longest = 0;
        int n = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > 60_000_000_000L) {
                throw new AssertionError("not done within 60 s: " + messages.sightReport());
            }
            long t = System.nanoTime();
            boolean did = d.readAndDispatch();
            long dt = System.nanoTime() - t;
            if (did) {
                busy += dt;
                longest = Math.max(longest, dt);
                n++;
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return new Measure(ms(System.nanoTime() - start), ms(busy), ms(longest), n);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void figure(String format, Object... args) {
        String line = String.format(Locale.ENGLISH, format, args);
        figures.add(line);
        System.out.println("[benchmark] Messages view: " + line);
    }

    private static boolean showing(MessageOrder order) {
        return messages.pager() != null && messages.pager().mailbox().equals(big)
                && messages.pager().order() == order && messages.rowsInSightFilled();
    }

    /** Asserts that the rows in sight are the store's rows at that position. */
    private static void assertRowsAreTheStores(MessageOrder order) throws Exception {
        Table t = messages.viewer().getTable();
        int top = t.getTopIndex();
        int k = Math.min(messages.rowsInSightNow(), N - top);
        List<MessageRecord> expected = store.page(big, order, top, k);
        for (int i = 0; i < k; i++) {
            MessageRow row = (MessageRow) t.getItem(top + i).getData();
            assertEquals(expected.get(i).uid(), row.message().uid(), "row " + (top + i));
            assertEquals(Format.subject(expected.get(i)), t.getItem(top + i).getText(3));
        }
    }

    @Test
    void opensJumpsAndSortsShowingTheRightRows() throws Exception {
        Table table = messages.viewer().getTable();
        Ui.page().activate(messages);
        messages.setOrder(MessageOrder.DATE_DESC);

        messages.resetUiNanos();
        Measure open = measureAfter(() -> messages.show(big), () -> showing(MessageOrder.DATE_DESC));
        assertEquals(N, table.getItemCount());
        assertRowsAreTheStores(MessageOrder.DATE_DESC);
        figure("open %,d messages: %d ms UI-thread time (%d ms in the view's own code), rows in sight after %d ms,"
                + " longest single dispatch %d ms", N, open.uiMs(), ms(messages.uiNanos()), open.wallMs(),
                open.longestDispatchMs());

        for (double f : new double[] { 0.25, 0.5, 0.75, 1.0 }) {
            int target = (int) ((N - 1) * f);
            messages.resetUiNanos();
            table.setTopIndex(target);
            Measure m = measure(() -> showing(MessageOrder.DATE_DESC));
            assertRowsAreTheStores(MessageOrder.DATE_DESC);
            figure("jump to row %,d: %d ms UI-thread time (%d ms in the view's code, %d dispatches), rows in sight after %d ms, longest dispatch %d ms",
                    table.getTopIndex(), m.uiMs(), ms(messages.uiNanos()), m.dispatches(), m.wallMs(), m.longestDispatchMs());
        }

        Random r = new Random(7);
        long worstWall = 0;
        long worstUi = 0;
        long sumWall = 0;
        long sumUi = 0;
        int jumps = 50;
        for (int i = 0; i < jumps; i++) {
            table.setTopIndex(r.nextInt(N));
            Measure m = measure(() -> showing(MessageOrder.DATE_DESC));
            worstWall = Math.max(worstWall, m.wallMs());
            worstUi = Math.max(worstUi, m.uiMs());
            sumWall += m.wallMs();
            sumUi += m.uiMs();
        }
        assertRowsAreTheStores(MessageOrder.DATE_DESC);
        figure("%d random jumps (scrollbar drags): rows in sight after %.1f ms on average (worst %d ms), "
                + "UI-thread time %.1f ms on average (worst %d ms)", jumps, sumWall / (double) jumps, worstWall,
                sumUi / (double) jumps, worstUi);

        long scrollStart = System.nanoTime();
        long scrollUi = 0;
        int steps = 0;
        for (int top = 0; top < 5_000; top += 25) { // a steady scroll: a wheel notch at a time
            table.setTopIndex(top);
            scrollUi += measure(() -> showing(MessageOrder.DATE_DESC)).uiMs();
            steps++;
        }
        assertRowsAreTheStores(MessageOrder.DATE_DESC);
        figure("steady scroll over 5,000 rows in %d steps: %d ms in all, %.2f ms UI-thread time a step", steps,
                ms(System.nanoTime() - scrollStart), scrollUi / (double) steps);

        TableColumn subject = table.getColumn(3);
        messages.resetUiNanos();
        Measure sort = measureAfter(() -> subject.notifyListeners(SWT.Selection, new Event()),
                () -> showing(MessageOrder.SUBJECT));
        assertRowsAreTheStores(MessageOrder.SUBJECT);
        figure("sort %,d messages by subject right after that scroll: %d ms UI-thread time (%d ms in the view's "
                + "code, clearing the rows shown so far), rows in sight after %d ms", N, sort.uiMs(),
                ms(messages.uiNanos()), sort.wallMs());

        Ui.pump(3000); // a user reads: the sweeper clears the far rows meanwhile
        TableColumn sender = table.getColumn(2);
        messages.resetUiNanos();
        Measure bySender = measureAfter(() -> sender.notifyListeners(SWT.Selection, new Event()),
                () -> showing(MessageOrder.SENDER));
        assertRowsAreTheStores(MessageOrder.SENDER);
        figure("sort %,d messages by sender a moment later: %d ms UI-thread time (%d ms in the view's code), "
                + "rows in sight after %d ms", N, bySender.uiMs(), ms(messages.uiNanos()), bySender.wallMs());
        messages.setOrder(MessageOrder.DATE_DESC);
    }

    private static Measure measureAfter(Runnable action, BooleanSupplier done) {
        long t = System.nanoTime();
        action.run();
        long actionMs = ms(System.nanoTime() - t);
        Measure m = measure(done);
        return new Measure(m.wallMs() + actionMs, m.uiMs() + actionMs, Math.max(m.longestDispatchMs(), actionMs),
                m.dispatches());
    }
}
