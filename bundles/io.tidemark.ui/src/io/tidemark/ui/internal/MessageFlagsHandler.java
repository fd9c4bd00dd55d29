/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;

import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;
import io.tidemark.store.api.MessageRecord;

/**
 * Mark Read, Mark Unread and Flag (a toggle: flags the selection unless every selected message is flagged)
 * on the Messages view's selection. The change goes through {@link io.tidemark.sync.api.LocalChanges}: the
 * replica and the journal change at once, in a job, and the row shows as pending until the server
 * acknowledges it.
 */
public final class MessageFlagsHandler extends ClientHandler {

    /** Command ids. */
    static final String MARK_READ = "io.tidemark.ui.markRead";
    static final String MARK_UNREAD = "io.tidemark.ui.markUnread";
    static final String TOGGLE_FLAG = "io.tidemark.ui.toggleFlag";

    /** For the handlers extension point. */
    public MessageFlagsHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        MessagesView.Target target = messagesSelection(event);
        if (target == null) {
            return null;
        }
        MailClient c = requireClient();
        String id = event.getCommand().getId();
        Flags add = Flags.EMPTY;
        Flags remove = Flags.EMPTY;
        String what;
        switch (id) {
            case MARK_READ -> {
                add = Flags.SEEN;
                what = "read";
            }
            case MARK_UNREAD -> {
                remove = Flags.SEEN;
                what = "unread";
            }
            case TOGGLE_FLAG -> {
                boolean allFlagged = true;
                for (int i : target.indices()) {
                    MessageRecord m = target.pager().get(i);
                    allFlagged &= m != null && m.flags().has(SystemFlag.FLAGGED);
                }
                if (allFlagged) {
                    remove = Flags.of(SystemFlag.FLAGGED);
                    what = "not flagged";
                } else {
                    add = Flags.of(SystemFlag.FLAGGED);
                    what = "flagged";
                }
            }
            default -> throw new ExecutionException("Unknown command " + id);
        }
        Flags a = add;
        Flags r = remove;
        int n = target.indices().length;
        c.change("Marking " + n + (n == 1 ? " message " : " messages ") + what, target.mailbox().account(),
                (changes, monitor) -> changes.setFlags(target.mailbox(), target.resolve(c.store()), a, r));
        return null;
    }
}
