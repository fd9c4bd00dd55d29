/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.progress.IProgressConstants;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.sync.api.VerifyResult;

/**
 * Properties of an account or folder: its configuration or sync state (strategy last used, UIDVALIDITY,
 * HIGHESTMODSEQ, last sync) and the server's capabilities. Everything is read in jobs: the stored data
 * first, then, unless this session already knows them, the capabilities with a login
 * ({@link io.tidemark.sync.api.SyncService#verify}); the rows fill in as they arrive.
 */
final class PropertiesDialog extends TitleAreaDialog {

    /** One row. */
    record Row(String name, String value) {
    }

    private final MailClient client;
    private final Object node;
    private final List<Row> stored = new ArrayList<>();
    private final List<Row> server = new ArrayList<>();
    private TableViewer viewer;
    private final List<Job> jobs = new ArrayList<>();

    PropertiesDialog(Shell shell, MailClient client, Object node) {
        super(shell);
        this.client = client;
        this.node = node;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Properties");
    }

    @Override
    protected Point getInitialSize() {
        return new Point(640, 560);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        AccountId account;
        if (node instanceof FolderNode f) {
            setTitle(f.ref().name().value());
            setMessage("Folder of " + f.ref().account() + ": sync state and server");
            account = f.ref().account();
        } else {
            AccountNode a = (AccountNode) node;
            setTitle(a.id().value());
            setMessage("Account " + a.config().user() + "@" + a.config().host() + ": configuration and server");
            account = a.id();
        }
        viewer = new TableViewer(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        TableViewerColumn name = new TableViewerColumn(viewer, SWT.LEFT);
        name.getColumn().setText("Property");
        name.getColumn().setWidth(190);
        name.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> ((Row) o).name()));
        TableViewerColumn value = new TableViewerColumn(viewer, SWT.LEFT);
        value.getColumn().setText("Value");
        value.getColumn().setWidth(420);
        value.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> ((Row) o).value()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        stored.add(new Row("", "Reading..."));
        show();
        loadStored();
        loadServer(account);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    private void show() {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            List<Row> all = new ArrayList<>(stored);
            all.addAll(server);
            viewer.setInput(all);
        }
    }

    private void later(List<Row> target, List<Row> rows) {
        Shell s = getShell();
        if (s != null && !s.isDisposed()) {
            s.getDisplay().asyncExec(() -> {
                target.clear();
                target.addAll(rows);
                show();
            });
        }
    }

    private void loadStored() {
        Job j = Job.create("Reading properties", (IProgressMonitor m) -> {
            List<Row> rows = new ArrayList<>();
            try {
                MailStore store = client.store();
                if (node instanceof FolderNode f) {
                    folderRows(store, f.ref(), rows);
                } else {
                    accountRows(((AccountNode) node).id(), rows);
                }
            } catch (CoreException e) {
                rows.add(new Row("Error", Format.problem(e.getStatus())));
            }
            later(stored, rows);
        });
        j.setSystem(true);
        jobs.add(j);
        j.schedule();
    }

    private void folderRows(MailStore store, MailboxRef ref, List<Row> rows) throws CoreException {
        rows.add(new Row("Mailbox", ref.name().value()));
        rows.add(new Row("Account", ref.account().value()));
        Optional<MailboxRecord> rec = store.mailbox(ref);
        if (rec.isEmpty()) {
            rows.add(new Row("State", "no longer in the store"));
            return;
        }
        MailboxRecord r = rec.get();
        rows.add(new Row("Special use", r.specialUse().map(u -> u.attribute()).orElse("none")));
        rows.add(new Row("LIST attributes", r.attributes().isEmpty() ? "none" : String.join(" ", new TreeSet<>(r.attributes()))));
        rows.add(new Row("Subscribed", r.subscribed() ? "yes" : "no"));
        rows.add(new Row("Synced", r.synced() ? "yes" : "no (not in the account's folder selection)"));
        if (r.synced()) {
            MailboxCounts c = store.counts(ref);
            rows.add(new Row("Messages", Format.count(c.messages()) + " (" + Format.count(c.unseen()) + " unread)"));
        }
        Optional<MailboxSyncState> st = store.syncState(ref);
        if (st.isPresent()) {
            MailboxSyncState s = st.get();
            rows.add(new Row("Strategy last used", s.lastStrategy() == null ? "not synced yet" : s.lastStrategy()));
            rows.add(new Row("Last synced", s.lastSync() == null ? "never" : s.lastSync().toString()));
            rows.add(new Row("UIDVALIDITY", Long.toString(s.uidValidity())));
            rows.add(new Row("UIDNEXT", Long.toString(s.uidNext())));
            rows.add(new Row("HIGHESTMODSEQ", s.highestModSeq() == 0 ? "none (no CONDSTORE)" : Long.toString(s.highestModSeq())));
            rows.add(new Row("Messages on the server", Format.count(s.exists())));
            if (s.lastFlagScan() != null) {
                rows.add(new Row("Last full flag scan", s.lastFlagScan().toString()));
            }
        } else {
            rows.add(new Row("Strategy last used", "never synced"));
        }
        long pending = store.journal(ref.account()).stream().filter(e -> e.mailbox().equals(ref)).count();
        rows.add(new Row("Local changes to send", Long.toString(pending)));
        client.log().lastReport(ref).ifPresent(rep -> rows.add(new Row("Last sync this session",
                rep.strategy() + ", " + rep.added() + " new, " + rep.changed() + " changed, " + rep.vanished()
                        + " vanished, " + Format.duration(rep.duration())
                        + (rep.ok() ? "" : ", " + Format.problem(rep.status())))));
    }

    private void accountRows(AccountId id, List<Row> rows) throws CoreException {
        Optional<AccountConfig> a = client.store().account(id);
        if (a.isEmpty()) {
            rows.add(new Row("State", "no longer in the store"));
            return;
        }
        AccountConfig c = a.get();
        rows.add(new Row("Server", c.host() + ":" + c.port()));
        rows.add(new Row("Security", c.security().toString()));
        rows.add(new Row("User", c.user()));
        rows.add(new Row("Authentication", c.auth().toString()));
        rows.add(new Row("Password saved", client.secrets().map(s -> s.has(id) ? "yes" : "no")
                .orElse("no secret store installed")));
        rows.add(new Row("Folders synced", c.folders().mode().toString().toLowerCase()));
        rows.add(new Row("Content downloaded", c.bodyPolicy().toString()));
        rows.add(new Row("Connections at most", Integer.toString(c.maxConnections())));
        var act = client.sync().activity(id);
        rows.add(new Row("State", act.phase().toString().toLowerCase().replace('_', ' ')
                + (act.reason() == null ? "" : ": " + act.reason())));
        rows.add(new Row("Local changes to send", Integer.toString(client.store().journal(id).size())));
    }

    private void loadServer(AccountId account) {
        Optional<VerifyResult> known = client.verified(account);
        if (known.isPresent()) {
            server.addAll(serverRows(known.get()));
            show();
            return;
        }
        server.add(new Row("Capabilities", "asking the server..."));
        show();
        Job j = new Job("Reading the capabilities of " + account) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    Optional<AccountConfig> a = client.store().account(account);
                    if (a.isEmpty()) {
                        later(server, List.of());
                        return Status.OK_STATUS;
                    }
                    VerifyResult v = client.sync().verify(a.get(), client.credentials(), monitor);
                    client.rememberVerify(v);
                    later(server, serverRows(v));
                } catch (CoreException e) {
                    later(server, List.of(new Row("Capabilities", "unknown: " + Format.problem(e.getStatus()))));
                }
                return Status.OK_STATUS;
            }
        };
        j.setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        jobs.add(j);
        j.schedule();
    }

    private static List<Row> serverRows(VerifyResult v) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Strategy the server allows", v.strategy().toString()));
        rows.add(new Row("Capabilities", v.capabilities().toString()));
        rows.add(new Row("Enabled", v.capabilities().enabled().isEmpty() ? "none"
                : String.join(" ", new TreeSet<>(v.capabilities().enabled()))));
        rows.add(new Row("Login took", Format.duration(v.duration())));
        return rows;
    }

    /** @return the rows shown now, for tests */
    List<Row> rows() {
        List<Row> all = new ArrayList<>(stored);
        all.addAll(server);
        return all;
    }

    @Override
    public boolean close() {
        jobs.forEach(Job::cancel);
        return super.close();
    }
}
