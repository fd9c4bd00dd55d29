/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.part.ViewPart;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.sync.api.SyncTopics;

/**
 * The Messages view: the folder selected in the Mailboxes view as a lazy, virtual table (sender, subject,
 * date, size, flags) that opens and scrolls smoothly with 100,000 messages.
 * <p>
 * How it stays smooth: the table is {@code SWT.VIRTUAL} with an {@link ILazyContentProvider}, so SWT asks only
 * for the rows it paints. A row whose page is in the {@link MessagePager} is filled at once; otherwise it
 * shows a stand-in and its page (100 rows) is queued for a background job, newest request first, so that
 * after a fast scroll the rows in sight load before the ones scrolled past. Store changes (EventAdmin) are
 * coalesced by a {@link RefreshThrottle} whose job counts the messages, reads the pending changes from the
 * journal and pre-loads the pages in sight, so a refresh swaps the data without a flicker. The UI thread never
 * reads the store.
 * <p>
 * Local changes waiting for the server show in italics with a clock icon until the engine records the
 * server's acknowledgement; deleted and moved messages disappear at once and are counted in the view's
 * description until acknowledged.
 */
public final class MessagesView extends ViewPart {

    /** The view id. */
    public static final String ID = "io.tidemark.ui.views.messages";

    /** The key-binding context active while the view has focus. */
    static final String CONTEXT = "io.tidemark.ui.messagesContext";

    /**
     * Rows kept filled on each side of the rows in sight. SWT keeps every row it ever asked for, and clearing a
     * filled row costs about 0.25 ms on GTK (column by column), so a refresh after a long scroll would freeze
     * the UI thread for as long: a sweeper clears far rows a few at a time instead, every
     * {@value #SWEEP_EVERY_MS} ms while there are some.
     */
    static final int KEEP_AROUND = 200;

    /** Far rows cleared per sweep: about 10 ms of UI-thread time. */
    static final int SWEEP_BATCH = 40;

    /** The pause between sweeps. */
    static final int SWEEP_EVERY_MS = 100;

    /** What the view wants to show. */
    record Request(MailboxRef mailbox, MessageOrder order) {
    }

    /** What a refresh load produced. */
    record Loaded(Request request, MessagePager pager, String description) {
    }

    /**
     * What an action works on: the selected rows of one moment.
     *
     * @param pager the rows as they were shown
     * @param indices the selected rows
     */
    record Target(MessagePager pager, int[] indices) {

        /** @return the mailbox */
        MailboxRef mailbox() {
            return pager.mailbox();
        }

        /**
         * @return the UIDs of the selected rows; rows never shown (a Select All in a large folder) are read
         *         from the store, which blocks, so call it in a job
         * @throws CoreException if the list changed since the selection was made
         */
        UidSet resolve(MailStore store) throws CoreException {
            UidSet.Builder b = UidSet.builder();
            for (int i : indices) {
                MessageRecord m = pager.get(i);
                if (m == null) {
                    if (store.counts(pager.mailbox()).messages() != pager.total()) {
                        throw new CoreException(Status.error("The messages of " + pager.mailbox()
                                + " changed while the action was starting; select them again"));
                    }
                    pager.load(store, i / MessagePager.PAGE);
                    m = pager.get(i);
                }
                if (m != null) {
                    b.add(m.uid());
                }
            }
            return b.build();
        }
    }

    private TableViewer viewer;
    private Table table;
    private LocalResourceManager resources;
    private ClientTracker tracker;
    private volatile MailClient client;
    private RefreshThrottle<Loaded> refresh;
    private EventSubscription events;
    private ISelectionListener mailboxListener;
    private final Map<MessageOrder, TableColumn> sortColumns = new HashMap<>();

    private volatile Request wanted = new Request(null, MessageOrder.DATE_DESC);
    private volatile MessagePager pager;
    private volatile int top;
    private volatile int rowsInSight = 40;
    private final BitSet placeholders = new BitSet();
    private final BitSet materialized = new BitSet();
    private int materializedCount;
    private boolean sweepScheduled;
    private final Deque<PageRequest> queue = new ArrayDeque<>();
    private Job pageJob;
    private long uiNanos;
    private IMemento memento;

    private record PageRequest(MessagePager pager, int page) {
    }

    /** For the views extension point. */
    public MessagesView() {
    }

    @Override
    public void init(IViewSite site, IMemento mem) throws PartInitException {
        super.init(site, mem);
        memento = mem;
    }

    @Override
    public void createPartControl(Composite parent) {
        Display display = parent.getDisplay();
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        viewer = new TableViewer(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(false);
        viewer.setContentProvider(new LazyContent());
        createColumns();
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setInput(this);
        viewer.setItemCount(0);
        table.getVerticalBar().addListener(SWT.Selection, e -> top = table.getTopIndex());
        table.addListener(SWT.Resize, e -> {
            int h = table.getItemHeight();
            if (h > 0) {
                rowsInSight = Math.max(10, table.getClientArea().height / h + 1);
            }
        });
        getSite().setSelectionProvider(viewer);

        MenuManager menu = new MenuManager("#PopupMenu", ID);
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        table.setMenu(menu.createContextMenu(table));
        getSite().registerContextMenu(ID, menu, viewer);
        IContextService contexts = getSite().getService(IContextService.class);
        if (contexts != null) {
            contexts.activateContext(CONTEXT);
        }

        pageJob = new Job("Loading messages") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return loadPages(monitor);
            }
        };
        pageJob.setSystem(true);
        pageJob.setPriority(Job.INTERACTIVE);

        refresh = new RefreshThrottle<>("Refreshing the Messages view", display, this::load, this::apply,
                s -> setContentDescription("Cannot read the store: " + Format.problem(s)));
        tracker = new ClientTracker(display, c -> {
            client = c;
            refresh.requestNow();
        });
        events = new EventSubscription(e -> {
            Request r = wanted;
            if (r.mailbox() != null && concerns(e.getProperty(SyncTopics.DELTA), r.mailbox())) {
                refresh.request();
            }
        }, SyncTopics.STORE_CHANGED);

        mailboxListener = (IWorkbenchPart part, ISelection selection) -> {
            if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof FolderNode f
                    && f.openable()) {
                show(f.ref());
            }
        };
        getSite().getPage().addPostSelectionListener(MailboxesView.ID, mailboxListener);
        restore();
    }

    private void restore() {
        if (memento != null && memento.getString("account") != null && memento.getString("mailbox") != null) {
            try {
                MessageOrder o = Optional.ofNullable(memento.getString("order")).map(MessageOrder::valueOf)
                        .orElse(MessageOrder.DATE_DESC);
                setOrder(o);
                show(new MailboxRef(AccountId.of(memento.getString("account")),
                        MailboxName.of(memento.getString("mailbox"))));
                return;
            } catch (IllegalArgumentException e) {
                // a state from another version: start empty
            }
        }
        setContentDescription("Select a folder in the Mailboxes view");
    }

    @Override
    public void saveState(IMemento mem) {
        Request r = wanted;
        if (r.mailbox() != null) {
            mem.putString("account", r.mailbox().account().value());
            mem.putString("mailbox", r.mailbox().name().value());
            mem.putString("order", r.order().name());
        }
    }

    private static boolean concerns(Object delta, MailboxRef mailbox) {
        if (!(delta instanceof StoreDelta d)) {
            return true;
        }
        if (d.journalChanged() || d.accounts().contains(mailbox.account())) {
            return true;
        }
        return d.mailboxes().stream().anyMatch(m -> m.mailbox().equals(mailbox)
                || mailbox.name().equals(m.renamedFrom()) && m.mailbox().account().equals(mailbox.account()));
    }

    private void createColumns() {
        Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        Font italic = JFaceResources.getFontRegistry().getItalic(JFaceResources.DEFAULT_FONT);
        Color grey = table.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        Image unread = resources.create(Icons.UNREAD);
        Image pending = resources.create(Icons.PENDING);
        Image answered = resources.create(Icons.ANSWERED);
        Image flag = resources.create(Icons.FLAG);

        abstract class Cell extends ColumnLabelProvider {
            @Override
            public Font getFont(Object element) {
                MessageRow r = (MessageRow) element;
                return r.pending() ? italic : r.unread() ? bold : null;
            }

            @Override
            public Color getForeground(Object element) {
                MessageRow r = (MessageRow) element;
                return r.isLoading() || r.pending() ? grey : null;
            }
        }

        column("", 26, null, new Cell() {
            @Override
            public String getText(Object element) {
                return "";
            }

            @Override
            public Image getImage(Object element) {
                MessageRow r = (MessageRow) element;
                if (r.pending()) {
                    return pending;
                }
                if (r.unread()) {
                    return unread;
                }
                return r.message() != null && r.message().flags().has(io.tidemark.model.SystemFlag.ANSWERED)
                        ? answered : null;
            }

            @Override
            public String getToolTipText(Object element) {
                MessageRow r = (MessageRow) element;
                if (r.pending()) {
                    return "A local change waits for the server";
                }
                return r.unread() ? "Unread" : null;
            }
        });
        column("", 24, null, new Cell() {
            @Override
            public String getText(Object element) {
                return "";
            }

            @Override
            public Image getImage(Object element) {
                return ((MessageRow) element).flagged() ? flag : null;
            }
        });
        column("From", 200, MessageOrder.SENDER, new Cell() {
            @Override
            public String getText(Object element) {
                MessageRow r = (MessageRow) element;
                return r.isLoading() ? "..." : Format.sender(r.message());
            }
        });
        column("Subject", 420, MessageOrder.SUBJECT, new Cell() {
            @Override
            public String getText(Object element) {
                MessageRow r = (MessageRow) element;
                return r.isLoading() ? "" : Format.subject(r.message());
            }
        });
        TableColumn date = column("Date", 130, MessageOrder.DATE_DESC, new Cell() {
            @Override
            public String getText(Object element) {
                MessageRow r = (MessageRow) element;
                return r.isLoading() ? "" : Format.messageDate(Format.dateOf(r.message()));
            }
        });
        sortColumns.put(MessageOrder.DATE_ASC, date);
        column("Size", 70, null, new Cell() {
            @Override
            public String getText(Object element) {
                MessageRow r = (MessageRow) element;
                return r.isLoading() ? "" : Format.bytes(r.message().size());
            }
        });
        table.setSortColumn(date);
        table.setSortDirection(SWT.DOWN);
    }

    private TableColumn column(String title, int width, MessageOrder order, ColumnLabelProvider labels) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(labels);
        if (order != null) {
            sortColumns.put(order, c.getColumn());
            c.getColumn().addListener(SWT.Selection, e -> {
                MessageOrder now = wanted.order();
                MessageOrder next = order == MessageOrder.DATE_DESC && now == MessageOrder.DATE_DESC
                        ? MessageOrder.DATE_ASC : order;
                setOrder(next);
            });
        }
        return c.getColumn();
    }

    // ------------------------------------------------------------------ what to show

    /** Shows a folder; the rows come from a background load. UI thread. */
    public void show(MailboxRef mailbox) {
        Request r = wanted;
        if (mailbox.equals(r.mailbox())) {
            return;
        }
        wanted = new Request(mailbox, r.order());
        setContentDescription("Loading " + mailbox.name().value() + " of " + mailbox.account() + "...");
        refresh.requestNow();
    }

    /** Sorts the rows. UI thread. */
    void setOrder(MessageOrder order) {
        wanted = new Request(wanted.mailbox(), order);
        TableColumn c = sortColumns.get(order);
        if (c != null) {
            table.setSortColumn(c);
            table.setSortDirection(order == MessageOrder.DATE_DESC ? SWT.DOWN : SWT.UP);
        }
        if (wanted.mailbox() != null) {
            refresh.requestNow();
        }
    }

    private Loaded load(IProgressMonitor monitor) throws CoreException {
        Request r = wanted;
        MailClient c = client;
        if (r.mailbox() == null) {
            return new Loaded(r, null, "Select a folder in the Mailboxes view");
        }
        if (c == null) {
            return new Loaded(r, null, "Waiting for the Tidemark sync engine and store...");
        }
        MailStore store = c.store();
        MailboxRef mb = r.mailbox();
        Optional<MailboxRecord> record = store.mailbox(mb);
        if (record.isEmpty()) {
            return new Loaded(r, null, mb.name().value() + " of " + mb.account() + " no longer exists");
        }
        MailboxCounts counts = store.counts(mb);
        UidSet.Builder pendingUids = UidSet.builder();
        int flagChanges = 0;
        int deletes = 0;
        int moves = 0;
        int waiting = 0;
        for (JournalEntry e : store.journal(mb.account())) {
            if (!e.mailbox().equals(mb)) {
                continue;
            }
            switch (e.operation()) {
                case FLAGS -> {
                    pendingUids.addAll(e.uids());
                    flagChanges++;
                }
                case DELETE -> deletes += (int) e.uids().size();
                case MOVE -> moves += (int) e.uids().size();
                default -> {
                    // mailbox-level changes show in the Mailboxes view
                }
            }
            if (e.state() == JournalEntry.State.NEEDS_USER) {
                waiting++;
            }
        }
        int total = (int) Math.min(Integer.MAX_VALUE, counts.messages());
        MessagePager p = new MessagePager(mb, r.order(), total, pendingUids.build());
        MessagePager old = pager;
        int from = old != null && old.mailbox().equals(mb) && old.order() == r.order() ? top : 0;
        for (int page = from / MessagePager.PAGE; page <= (from + rowsInSight) / MessagePager.PAGE; page++) {
            if (page * MessagePager.PAGE < total) {
                p.load(store, page);
            }
        }
        StringBuilder d = new StringBuilder(mb.name().value() + " of " + mb.account() + ": "
                + Format.count(counts.messages()) + (counts.messages() == 1 ? " message" : " messages"));
        if (counts.unseen() > 0) {
            d.append(", ").append(Format.count(counts.unseen())).append(" unread");
        }
        List<String> pend = new ArrayList<>();
        if (flagChanges > 0) {
            pend.add(flagChanges + (flagChanges == 1 ? " flag change" : " flag changes"));
        }
        if (deletes > 0) {
            pend.add(deletes + (deletes == 1 ? " deletion" : " deletions"));
        }
        if (moves > 0) {
            pend.add(moves + (moves == 1 ? " move" : " moves"));
        }
        if (!pend.isEmpty()) {
            d.append(" \u2014 waiting for the server: ").append(String.join(", ", pend));
        }
        if (waiting > 0) {
            d.append(" (").append(waiting).append(" need your decision)");
        }
        return new Loaded(r, p, d.toString());
    }

    private void apply(Loaded l) {
        if (table.isDisposed() || !l.request().equals(wanted)) {
            return; // a newer request is on its way
        }
        long t0 = System.nanoTime();
        int h = table.getItemHeight();
        if (h > 0 && table.getClientArea().height > 0) {
            rowsInSight = Math.max(10, table.getClientArea().height / h + 1);
        }
        MessagePager old = pager;
        MessagePager now = l.pager();
        boolean same = old != null && now != null && old.mailbox().equals(now.mailbox())
                && old.order() == now.order();
        List<Long> selected = same ? selectedUids(old) : List.of();
        int oldTop = table.getTopIndex();
        synchronized (queue) {
            queue.clear();
        }
        pager = now;
        placeholders.clear();
        int total = now == null ? 0 : now.total();
        table.setRedraw(false);
        try {
            viewer.setItemCount(total);
            table.clearAll(); // cheap for rows the sweeper already cleared
            materialized.clear();
            materializedCount = 0;
            table.deselectAll();
            if (same) {
                List<Integer> rows = new ArrayList<>();
                for (long uid : selected) {
                    OptionalInt i = now.indexOf(uid);
                    i.ifPresent(rows::add);
                }
                table.select(rows.stream().mapToInt(Integer::intValue).toArray());
                if (oldTop < total) {
                    table.setTopIndex(oldTop);
                }
            } else if (total > 0) {
                table.setTopIndex(0);
                top = 0;
            }
        } finally {
            table.setRedraw(true);
        }
        setContentDescription(l.description());
        uiNanos += System.nanoTime() - t0;
    }

    private List<Long> selectedUids(MessagePager p) {
        List<Long> uids = new ArrayList<>();
        for (int i : table.getSelectionIndices()) {
            MessageRecord m = p.get(i);
            if (m != null) {
                uids.add(m.uid());
            }
        }
        return uids;
    }

    // ------------------------------------------------------------------ lazy rows

    private final class LazyContent implements ILazyContentProvider {
        @Override
        public void updateElement(int index) {
            long t0 = System.nanoTime();
            MessagePager p = pager;
            if (p == null || index >= p.total()) {
                return;
            }
            MessageRow row = p.row(index);
            if (!materialized.get(index)) {
                materialized.set(index);
                if (++materializedCount > 2 * KEEP_AROUND + 2 * rowsInSight) {
                    scheduleSweep();
                }
            }
            viewer.replace(row, index);
            if (row.isLoading()) {
                placeholders.set(index);
                int page = index / MessagePager.PAGE;
                // the next page too, read ahead of a downward scroll; queued first so it loads second
                queuePage(p, page + 1);
                queuePage(p, page);
            }
            uiNanos += System.nanoTime() - t0;
        }

        @Override
        public void inputChanged(Viewer v, Object oldInput, Object newInput) {
            // the input is the view itself; rows come from the pager
        }
    }

    private void scheduleSweep() {
        if (!sweepScheduled) {
            sweepScheduled = true;
            table.getDisplay().timerExec(SWEEP_EVERY_MS, this::sweep);
        }
    }

    /** Clears up to {@value #SWEEP_BATCH} filled rows far from the rows in sight; again later if more remain. */
    private void sweep() {
        sweepScheduled = false;
        if (table.isDisposed()) {
            return;
        }
        long t0 = System.nanoTime();
        int first = table.getTopIndex();
        int lo = first - KEEP_AROUND;
        int hi = first + rowsInSight + KEEP_AROUND;
        int cleared = 0;
        for (int i = materialized.nextSetBit(0); i >= 0 && cleared < SWEEP_BATCH; i = materialized.nextSetBit(i + 1)) {
            if (i < lo || i > hi) {
                table.clear(i); // painted again later, it is asked for again
                materialized.clear(i);
                placeholders.clear(i);
                materializedCount--;
                cleared++;
            }
        }
        uiNanos += System.nanoTime() - t0;
        if (cleared == SWEEP_BATCH) {
            scheduleSweep();
        }
    }

    /** @return how many rows hold data SWT cached (for tests of the sweeper) */
    int filledRows() {
        return materializedCount;
    }

    private void queuePage(MessagePager p, int page) {
        if (p.request(page)) {
            synchronized (queue) {
                queue.addFirst(new PageRequest(p, page));
            }
            pageJob.schedule();
        }
    }

    private IStatus loadPages(IProgressMonitor monitor) {
        MailClient c = client;
        while (!monitor.isCanceled() && c != null) {
            PageRequest r;
            synchronized (queue) {
                r = queue.pollFirst();
            }
            if (r == null) {
                break;
            }
            if (r.pager() != pager) {
                continue; // superseded by a refresh
            }
            try {
                r.pager().load(c.store(), r.page());
                Display d = table.getDisplay();
                if (!d.isDisposed()) {
                    d.asyncExec(() -> fill(r.pager(), r.page()));
                }
            } catch (CoreException e) {
                r.pager().forget(r.page());
                Display d = table.getDisplay();
                if (!d.isDisposed()) {
                    d.asyncExec(() -> {
                        if (!table.isDisposed()) {
                            setContentDescription("Cannot read messages: " + Format.problem(e.getStatus()));
                        }
                    });
                }
            }
        }
        return Status.OK_STATUS;
    }

    private void fill(MessagePager p, int page) {
        if (table.isDisposed() || p != pager) {
            return;
        }
        long t0 = System.nanoTime();
        int from = page * MessagePager.PAGE;
        int to = Math.min(p.total(), from + MessagePager.PAGE);
        for (int i = placeholders.nextSetBit(from); i >= 0 && i < to; i = placeholders.nextSetBit(i + 1)) {
            MessageRow row = p.row(i);
            if (!row.isLoading()) {
                viewer.replace(row, i);
                placeholders.clear(i);
            }
        }
        uiNanos += System.nanoTime() - t0;
    }

    // ------------------------------------------------------------------ for handlers and tests

    /** @return the selected rows, or null if none; UI thread */
    Target target() {
        MessagePager p = pager;
        int[] indices = table.getSelectionIndices();
        if (p == null || indices.length == 0) {
            return null;
        }
        return new Target(p, indices);
    }

    /** @return the mailbox shown, or null */
    MailboxRef mailbox() {
        return wanted.mailbox();
    }

    /** @return the order shown */
    MessageOrder order() {
        return wanted.order();
    }

    /** @return the current pager, or null */
    MessagePager pager() {
        return pager;
    }

    /** @return the viewer */
    TableViewer viewer() {
        return viewer;
    }

    /** @return the refresh throttle */
    RefreshThrottle<Loaded> refresher() {
        return refresh;
    }

    /** @return the UI-thread time spent in this view's code since the last reset, in ns */
    long uiNanos() {
        return uiNanos;
    }

    /** Resets the UI-thread time counter. */
    void resetUiNanos() {
        uiNanos = 0;
    }

    /** @return whether every row in sight shows its message (no stand-in); UI thread */
    boolean rowsInSightFilled() {
        MessagePager p = pager;
        if (p == null) {
            return false;
        }
        int first = table.getTopIndex();
        int last = Math.min(p.total(), first + rowsInSightNow());
        for (int i = first; i < last; i++) {
            Object data = table.getItem(i).getData();
            MessageRecord now = p.get(i);
            // a cleared row keeps its old data until it is painted again: compare with the current rows
            if (!(data instanceof MessageRow r) || r.isLoading() || r.index() != i || now == null
                    || now.uid() != r.message().uid()) {
                return false;
            }
        }
        return true;
    }

    /** @return how many rows the table shows now, the last one perhaps in part; UI thread */
    int rowsInSightNow() {
        int h = table.getItemHeight();
        // the client area includes the header on GTK
        int rowsHeight = table.getClientArea().height - (table.getHeaderVisible() ? table.getHeaderHeight() : 0);
        return h <= 0 ? 1 : Math.max(1, (rowsHeight + h - 1) / h);
    }

    /** @return what the rows in sight hold, for test failure messages */
    String sightReport() {
        MessagePager p = pager;
        StringBuilder b = new StringBuilder("pager=" + (p == null ? null : p.mailbox() + "/" + p.order() + "/"
                + p.total() + "/" + p.loadedPages() + " pages") + " top=" + table.getTopIndex() + " items="
                + table.getItemCount() + " area=" + table.getClientArea() + " itemHeight=" + table.getItemHeight()
                + " visible=" + table.isVisible() + " queue=" + queue.size() + " placeholders=" + placeholders.cardinality()
                + " rows:");
        int first = table.getTopIndex();
        for (int i = first; i < Math.min(table.getItemCount(), first + 30); i++) {
            Object d = table.getItem(i).getData();
            b.append(' ').append(i).append('=').append(d == null ? "null" : ((MessageRow) d).isLoading() ? "loading"
                    : ((MessageRow) d).message().uid());
        }
        return b.toString();
    }

    /** @return the status line above the table */
    String description() {
        return getContentDescription();
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        if (mailboxListener != null) {
            getSite().getPage().removePostSelectionListener(MailboxesView.ID, mailboxListener);
        }
        if (events != null) {
            events.close();
        }
        if (refresh != null) {
            refresh.dispose();
        }
        if (pageJob != null) {
            pageJob.cancel();
        }
        if (tracker != null) {
            tracker.close();
        }
        super.dispose();
    }
}
