/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.PartInitException;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.sync.api.AccountActivity;
import io.tidemark.sync.api.SyncTopics;

/**
 * The Mailboxes view: accounts and their folders as a tree, with message and unread counts, special-use
 * icons and the sync state (synced, syncing, offline, authentication needed, error with reason).
 * <p>
 * Refreshes from the EventAdmin topics of the store and the engine, coalesced by a {@link RefreshThrottle};
 * every store read happens in the throttle's job, never on the UI thread.
 */
public final class MailboxesView extends FedView {

    /** The view id. */
    public static final String ID = "io.tidemark.ui.views.mailboxes";

    /** What a load produced. */
    record Snapshot(List<AccountNode> accounts, String problem) {
    }

    private TreeViewer viewer;
    private LocalResourceManager resources;
    private RefreshThrottle<Snapshot> refresh;
    private final List<AccountNode> input = new ArrayList<>();
    private final Set<AccountId> seen = new HashSet<>();

    /** For the views extension point. */
    public MailboxesView() {
    }

    @Override
    public void createPartControl(Composite parent) {
        Display display = parent.getDisplay();
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL | SWT.FULL_SELECTION);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new Content());
        viewer.setLabelProvider(new MailboxLabels(resources));
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setInput(input);
        getSite().setSelectionProvider(viewer);
        viewer.addDoubleClickListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (o instanceof FolderNode f && f.openable()) {
                try {
                    MessagesView v = (MessagesView) getSite().getPage().showView(MessagesView.ID);
                    v.show(f.ref());
                } catch (PartInitException ex) {
                    setContentDescription("Cannot open the Messages view: " + ex.getMessage());
                }
            } else if (o != null) {
                viewer.setExpandedState(o, !viewer.getExpandedState(o));
            }
        });

        MenuManager menu = new MenuManager("#PopupMenu", ID);
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(ID, menu, viewer);

        refresh = new RefreshThrottle<>("Refreshing the Mailboxes view", display, this::load, this::show,
                s -> setContentDescription("Cannot read the store: " + Format.problem(s)));
        setContentDescription("Waiting for the Tidemark sync engine and store...");
        follow(display, refresh, SyncTopics.STORE_CHANGED, SyncTopics.STATE,
                SyncTopics.MAILBOX_SYNCED);
    }

    private Snapshot load(IProgressMonitor monitor) throws CoreException {
        MailClient c = client();
        if (c == null) {
            return new Snapshot(List.of(), "Waiting for the Tidemark sync engine and store...");
        }
        MailStore store = c.store();
        List<AccountNode> accounts = new ArrayList<>();
        for (AccountConfig config : store.accounts()) {
            AccountActivity activity = c.sync().activity(config.id());
            List<JournalEntry> journal = store.journal(config.id());
            Map<MailboxRef, Integer> pending = new HashMap<>();
            for (JournalEntry e : journal) {
                pending.merge(e.mailbox(), 1, Integer::sum);
            }
            AccountNode account = new AccountNode(config, activity,
                    c.log().lastAccountFailure(config.id()).orElse(null), journal.size());
            List<MailboxRecord> records = store.mailboxes(config.id());
            Map<MailboxRef, FolderNode> nodes = MailboxTree.build(account, records);
            for (FolderNode f : nodes.values()) {
                f.pending = pending.getOrDefault(f.ref(), 0);
                f.syncing = activity.phase() == AccountActivity.Phase.SYNCING
                        && f.ref().name().equals(activity.mailbox());
                f.lastReport = c.log().lastReport(f.ref()).orElse(null);
                if (f.record() != null && f.record().synced()) {
                    f.counts = store.counts(f.ref());
                    f.state = store.syncState(f.ref()).orElse(null);
                }
            }
            accounts.add(account);
        }
        String problem = accounts.isEmpty() ? "No accounts yet: add one with Add Account in this view's toolbar"
                : null;
        return new Snapshot(accounts, problem);
    }

    private void show(Snapshot s) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        Object[] expanded = viewer.getExpandedElements();
        input.clear();
        input.addAll(s.accounts());
        viewer.refresh();
        viewer.setExpandedElements(expanded);
        for (AccountNode a : s.accounts()) {
            if (!a.children().isEmpty() && seen.add(a.id())) {
                viewer.expandToLevel(a, 1); // a new account opens on its top-level folders
            }
        }
        setContentDescription(s.problem() == null ? "" : s.problem());
    }

    // ------------------------------------------------------------------ for handlers and tests

    /** @return the viewer */
    @Override
    TreeViewer viewer() {
        return viewer;
    }

    /** @return the accounts shown now */
    List<AccountNode> accounts() {
        return List.copyOf(input);
    }

    /** @return the refresh throttle, for tests that wait for it */
    RefreshThrottle<Snapshot> refresher() {
        return refresh;
    }

    /** Asks for a refresh now. */
    void refreshNow() {
        refresh.requestNow();
    }

    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object in) {
            return input.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof AccountNode a) {
                return a.children().toArray();
            }
            if (parent instanceof FolderNode f) {
                return f.children().toArray();
            }
            return new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof FolderNode f ? f.parent() : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return getChildren(element).length > 0;
        }
    }

    /** @return the status text shown above the tree */
    String description() {
        return getContentDescription();
    }
}
