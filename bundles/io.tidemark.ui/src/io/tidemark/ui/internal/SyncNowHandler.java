/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;

/**
 * Sync Now: syncs the selected accounts and folders; with none selected, the folder shown in the Messages
 * view, or else every account. Each account's sync is a {@link SyncJob}.
 */
public final class SyncNowHandler extends ClientHandler {

    /** For the handlers extension point. */
    public SyncNowHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        MailClient c = requireClient();
        Map<AccountId, List<MailboxName>> what = new LinkedHashMap<>();
        ISelection sel = HandlerUtil.getCurrentSelection(event);
        IWorkbenchPart part = HandlerUtil.getActivePart(event);
        if (part instanceof MessagesView v && v.mailbox() != null) {
            MailboxRef mb = v.mailbox();
            what.computeIfAbsent(mb.account(), k -> new ArrayList<>()).add(mb.name());
        } else if (sel instanceof IStructuredSelection s && !s.isEmpty()) {
            Set<AccountId> whole = new HashSet<>();
            for (Object o : s) {
                if (o instanceof AccountNode a) {
                    whole.add(a.id());
                    what.put(a.id(), new ArrayList<>()); // no names: the account's folder selection
                } else if (o instanceof FolderNode f && f.openable() && !whole.contains(f.ref().account())) {
                    what.computeIfAbsent(f.ref().account(), k -> new ArrayList<>()).add(f.ref().name());
                }
            }
        }
        if (what.isEmpty()) {
            syncAll(c);
        } else {
            what.forEach((account, mailboxes) -> c.syncAccount(account, mailboxes, SyncJob.Kind.FULL));
        }
        return null;
    }

    private static void syncAll(MailClient c) {
        Job list = new Job("Finding the accounts to sync") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    for (AccountConfig a : c.store().accounts()) {
                        c.syncAccount(a.id(), List.of(), SyncJob.Kind.FULL);
                    }
                    return Status.OK_STATUS;
                } catch (CoreException e) {
                    return e.getStatus();
                }
            }
        };
        list.setSystem(true);
        list.schedule();
    }
}
