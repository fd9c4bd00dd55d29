/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Delete (the workbench's Edit &gt; Delete, and the Delete key, while the Messages view is active): the
 * messages disappear from the list at once and are removed on the server ({@code \Deleted} and
 * {@code UID EXPUNGE} of exactly them) at the next sync. Asks first unless the user said not to.
 */
public final class DeleteHandler extends ClientHandler {

    /** For the handlers extension point. */
    public DeleteHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        MessagesView.Target target = messagesSelection(event);
        if (target == null) {
            return null;
        }
        MailClient c = requireClient();
        int n = target.indices().length;
        String what = n == 1 ? "this message" : "these " + n + " messages";
        if (UiPreferences.confirmDelete()) {
            MessageDialogWithToggle d = MessageDialogWithToggle.openOkCancelConfirm(HandlerUtil.getActiveShell(event),
                    "Delete Messages", "Delete " + what + " from " + target.mailbox().name().value()
                            + " on the server? This cannot be undone once synced.",
                    "Do not ask again", false, null, null);
            if (d.getReturnCode() != MessageDialogWithToggle.OK) {
                return null;
            }
            if (d.getToggleState()) {
                UiPreferences.node().putBoolean(UiPreferences.CONFIRM_DELETE, false);
            }
        }
        c.change("Deleting " + n + (n == 1 ? " message" : " messages"), target.mailbox().account(),
                (changes, monitor) -> changes.delete(target.mailbox(), target.resolve(c.store())));
        return null;
    }
}
