/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxRecord;

/**
 * Move to Folder: moves the Messages view's selection to another folder of the same account, named by the
 * command parameter {@value #TARGET} or picked in a dialog. The messages leave the list at once and are moved
 * on the server ({@code UID MOVE}) at the next sync, relinked there without downloading them again.
 */
public final class MoveHandler extends ClientHandler {

    /** The command parameter naming the target folder. */
    static final String TARGET = "io.tidemark.ui.move.target";

    /** For the handlers extension point. */
    public MoveHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        MessagesView.Target target = messagesSelection(event);
        if (target == null) {
            return null;
        }
        MailClient c = requireClient();
        String named = event.getParameter(TARGET);
        if (named != null && !named.isBlank()) {
            move(c, target, MailboxName.of(named));
            return null;
        }
        // the folder list comes from the store: read it off the UI thread, then ask
        Shell shell = HandlerUtil.getActiveShell(event);
        Display display = shell.getDisplay();
        Job read = new Job("Reading the folders of " + target.mailbox().account()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    List<MailboxRef> folders = c.store().mailboxes(target.mailbox().account()).stream()
                            .filter(MailboxRecord::synced).map(MailboxRecord::ref)
                            .filter(r -> !r.equals(target.mailbox())).toList();
                    display.asyncExec(() -> pick(shell, c, target, folders));
                    return Status.OK_STATUS;
                } catch (CoreException e) {
                    return e.getStatus();
                }
            }
        };
        read.setSystem(true);
        read.schedule();
        return null;
    }

    private static void pick(Shell shell, MailClient c, MessagesView.Target target, List<MailboxRef> folders) {
        if (shell.isDisposed()) {
            return;
        }
        ElementListSelectionDialog d = new ElementListSelectionDialog(shell, new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((MailboxRef) element).name().value();
            }
        });
        d.setTitle("Move to Folder");
        int n = target.indices().length;
        d.setMessage("Move " + (n == 1 ? "the message" : n + " messages") + " to:");
        d.setElements(folders.toArray());
        d.setMultipleSelection(false);
        if (d.open() == ElementListSelectionDialog.OK && d.getFirstResult() instanceof MailboxRef to) {
            move(c, target, to.name());
        }
    }

    private static void move(MailClient c, MessagesView.Target target, MailboxName to) {
        int n = target.indices().length;
        c.change("Moving " + n + (n == 1 ? " message" : " messages") + " to " + to.value(),
                target.mailbox().account(),
                (changes, monitor) -> changes.move(target.mailbox(), target.resolve(c.store()), to));
    }
}
