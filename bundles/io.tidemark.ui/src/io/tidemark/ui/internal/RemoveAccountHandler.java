/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import io.tidemark.model.AccountId;
import io.tidemark.sync.api.SecretStore;

/**
 * Remove Account: after asking, removes the account's replica, journal and saved password. Its mail on the
 * server is untouched.
 */
public final class RemoveAccountHandler extends ClientHandler {

    /** For the handlers extension point. */
    public RemoveAccountHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s
                && s.getFirstElement() instanceof AccountNode a)) {
            return null;
        }
        MailClient c = requireClient();
        AccountId id = a.id();
        String pending = a.pending() > 0 ? "\n\n" + a.pending() + " local changes not yet sent to the server will be lost."
                : "";
        if (!MessageDialog.openConfirm(HandlerUtil.getActiveShell(event), "Remove Account",
                "Remove account " + id + " and its local copy? The mail on the server stays." + pending)) {
            return null;
        }
        Job job = new Job("Removing account " + id) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    Job.getJobManager().cancel(id);
                    c.store().write(tx -> {
                        tx.removeAccount(id);
                        return null;
                    });
                    SecretStore secrets = c.secrets().orElse(null);
                    if (secrets != null) {
                        secrets.delete(id);
                    }
                    return Status.OK_STATUS;
                } catch (CoreException e) {
                    return e.getStatus();
                }
            }
        };
        job.setRule(new AccountRule(id));
        job.schedule();
        return null;
    }
}
