/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;

import io.tidemark.model.TrafficCounters;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.sync.api.SyncTopics;

/**
 * The Sync Activity view: the history of syncs this session, one row per mailbox synced (strategy, new,
 * changed, vanished and moved messages, local changes sent, bytes each way, commands, duration, outcome) and
 * one per account sync as a whole (totals, or the failure that stopped it). Newest first.
 */
public final class SyncActivityView extends FedView {

    /** The view id. */
    public static final String ID = "io.tidemark.ui.views.activity";

    private TableViewer viewer;
    private LocalResourceManager resources;
    private RefreshThrottle<List<ActivityLog.Entry>> refresh;

    /** For the views extension point. */
    public SyncActivityView() {
    }

    @Override
    public void createPartControl(Composite parent) {
        Display display = parent.getDisplay();
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        Image error = resources.create(Icons.OVR_ERROR);
        Image ok = resources.create(Icons.OVR_OK);
        Image account = resources.create(Icons.ACCOUNT);
        Color red = display.getSystemColor(SWT.COLOR_DARK_RED);

        column("Time", 70, e -> Format.time(e.time()), null, null);
        column("Account", 95, e -> e.account().value(), e -> e.mailbox() == null ? account : null, null);
        column("Mailbox", 130, e -> e.mailbox() == null ? "(whole account)" : e.mailbox().value(), null, null);
        column("Strategy", 95, e -> e.report() != null ? e.report().strategy().name() : "", null, null);
        column("New", 50, e -> count(e, SyncReport::added), null, null);
        column("Changed", 75, e -> count(e, SyncReport::changed), null, null);
        column("Vanished", 80, e -> count(e, SyncReport::vanished), null, null);
        column("Moved", 60, e -> count(e, SyncReport::moved), null, null);
        column("Sent changes", 100, e -> count(e, SyncReport::replayed), null, null);
        column("Received", 80, e -> traffic(e) == null ? "" : Format.bytes(traffic(e).bytesIn()), null, null);
        column("Sent", 70, e -> traffic(e) == null ? "" : Format.bytes(traffic(e).bytesOut()), null, null);
        column("Commands", 85, e -> traffic(e) == null ? "" : Long.toString(traffic(e).commands()), null, null);
        column("Duration", 75, e -> duration(e) == null ? "" : Format.duration(duration(e)), null, null);
        column("Result", 420, e -> result(e), e -> e.status().matches(IStatus.ERROR) ? error : ok,
                e -> e.status().matches(IStatus.ERROR) ? red : null);
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setInput(List.of());

        Action clear = new Action("Clear History", Icons.CLEAR) {
            @Override
            public void run() {
                MailClient c = client();
                if (c != null) {
                    c.log().clear();
                }
            }
        };
        getViewSite().getActionBars().getToolBarManager().add(clear);

        refresh = new RefreshThrottle<>("Refreshing the Sync Activity view", display, m -> {
            MailClient c = client();
            return c == null ? List.of() : c.log().entries();
        }, entries -> {
            if (!viewer.getControl().isDisposed()) {
                viewer.setInput(entries);
                setContentDescription(entries.isEmpty() ? "No syncs yet this session" : "");
            }
        }, s -> setContentDescription(Format.problem(s)));
        follow(display, refresh, SyncTopics.MAILBOX_SYNCED, SyncTopics.STATE);
    }

    private void column(String title, int width, Function<ActivityLog.Entry, String> text,
            Function<ActivityLog.Entry, Image> image, Function<ActivityLog.Entry, Color> color) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((ActivityLog.Entry) element);
            }

            @Override
            public Image getImage(Object element) {
                return image == null ? null : image.apply((ActivityLog.Entry) element);
            }

            @Override
            public Color getForeground(Object element) {
                return color == null ? null : color.apply((ActivityLog.Entry) element);
            }

            @Override
            public String getToolTipText(Object element) {
                ActivityLog.Entry e = (ActivityLog.Entry) element;
                return e.status().isOK() ? null : Format.problem(e.status());
            }
        });
    }

    private static String count(ActivityLog.Entry e, java.util.function.ToLongFunction<SyncReport> f) {
        if (e.report() != null) {
            return Long.toString(f.applyAsLong(e.report()));
        }
        SyncResult r = e.result();
        return r == null ? "" : Long.toString(r.reports().stream().mapToLong(f).sum());
    }

    private static TrafficCounters traffic(ActivityLog.Entry e) {
        return e.report() != null ? e.report().traffic() : e.result() != null ? e.result().traffic() : null;
    }

    private static Duration duration(ActivityLog.Entry e) {
        return e.report() != null ? e.report().duration() : e.result() != null ? e.result().duration() : null;
    }

    /** @return the outcome column's text */
    static String result(ActivityLog.Entry e) {
        IStatus s = e.status();
        if (s.getSeverity() == IStatus.CANCEL) {
            return "canceled";
        }
        if (s.isOK()) {
            if (e.result() != null) {
                return "OK, " + e.result().reports().size() + (e.result().reports().size() == 1 ? " mailbox" : " mailboxes");
            }
            return e.report() != null && e.report().uidValidityReset() ? "OK (UIDVALIDITY changed)" : "OK";
        }
        String kind = s.matches(IStatus.ERROR) ? "failed: " : "warning: ";
        return kind + Format.withoutWhere(Format.problem(s), e.account(), e.mailbox());
    }

    /** @return the viewer */
    @Override
    TableViewer viewer() {
        return viewer;
    }

    /** @return the refresh throttle */
    RefreshThrottle<List<ActivityLog.Entry>> refresher() {
        return refresh;
    }
}
