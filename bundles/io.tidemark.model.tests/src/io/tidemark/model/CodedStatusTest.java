/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.junit.jupiter.api.Test;

class CodedStatusTest {

    /** A coded status of a made-up layer, standing in for ImapStatus, StoreStatus and SyncStatus. */
    private static final class TestStatus extends CodedStatus {
        private final boolean retryable;
        private final boolean offline;

        TestStatus(String message, boolean retryable, boolean offline) {
            super(IStatus.ERROR, "test", 7, message, null);
            this.retryable = retryable;
            this.offline = offline;
        }

        @Override
        public String codeName() {
            return "TEST";
        }

        @Override
        public boolean isRetryable() {
            return retryable;
        }

        @Override
        public boolean isOffline() {
            return offline;
        }
    }

    private static IStatus plain(String message) {
        return Status.error(message);
    }

    @Test
    void findsTheStatusItself() {
        TestStatus s = new TestStatus("x", false, false);
        assertSame(s, CodedStatus.find(s).orElseThrow());
        assertSame(s, CodedStatus.find(new CoreException(s)).orElseThrow());
    }

    @Test
    void findsTheFirstCodedChildDepthFirst() {
        TestStatus deep = new TestStatus("deep", false, false);
        TestStatus later = new TestStatus("later", true, true);
        MultiStatus inner = new MultiStatus("test", 0, "inner");
        inner.add(plain("p1"));
        inner.add(deep);
        MultiStatus outer = new MultiStatus("test", 0, "outer");
        outer.add(plain("p0"));
        outer.add(inner);
        outer.add(later);
        assertSame(deep, CodedStatus.find(outer).orElseThrow());
    }

    @Test
    void looksIntoTheCoreExceptionHeldByAStatus() {
        TestStatus cause = new TestStatus("cause", true, false);
        IStatus wrapper = new Status(IStatus.ERROR, "test", "wrapper", new CoreException(cause));
        assertSame(cause, CodedStatus.find(wrapper).orElseThrow());
        assertTrue(CodedStatus.isRetryable(wrapper));
        assertFalse(CodedStatus.isOffline(wrapper));
    }

    @Test
    void findsNothingInPlainStatuses() {
        assertEquals(Optional.empty(), CodedStatus.find((IStatus) null));
        assertEquals(Optional.empty(), CodedStatus.find(plain("no code")));
        IStatus withIo = new Status(IStatus.ERROR, "test", "io", new IOException("x"));
        assertEquals(Optional.empty(), CodedStatus.find(withIo));
        assertFalse(CodedStatus.isRetryable(withIo));
        assertFalse(CodedStatus.isOffline(withIo));
        MultiStatus empty = new MultiStatus("test", 0, "empty");
        assertEquals(Optional.empty(), CodedStatus.find(new CoreException(empty)));
    }

    @Test
    void aCoreExceptionHoldingItsOwnStatusDoesNotLoop() {
        Status self = new Status(IStatus.ERROR, "test", "self");
        CoreException e = new CoreException(self);
        IStatus holder = new Status(IStatus.ERROR, "test", "holder", e);
        assertEquals(Optional.empty(), CodedStatus.find(holder));
    }

    @Test
    void retryableAndOfflineComeFromTheFoundStatus() {
        MultiStatus m = new MultiStatus("test", 0, "m");
        m.add(new TestStatus("offline", true, true));
        assertTrue(CodedStatus.isRetryable(m));
        assertTrue(CodedStatus.isOffline(m));
    }

    @Test
    void whereNamesAccountAndMailbox() {
        assertEquals("", CodedStatus.where(null, null));
        assertEquals("account 'work': ", CodedStatus.where(AccountId.of("work"), null));
        assertEquals("mailbox 'INBOX': ", CodedStatus.where(null, MailboxName.of("inbox")));
        assertEquals("account 'work', mailbox 'Sent': ",
                CodedStatus.where(AccountId.of("work"), MailboxName.of("Sent")));
    }

    @Test
    void toStringStartsWithTheCodeName() {
        assertEquals("TEST: boom", new TestStatus("boom", false, false).toString());
    }
}
