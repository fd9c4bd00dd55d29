/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountId;
import io.tidemark.store.api.StoreError;

/**
 * Account leases: two workers sharing a store never sync the same account at once.
 * <p>
 * The tests that need a lease to hold use an hour; those that need one to run out use {@link #SHORT_TTL}
 * and then wait {@link #WAIT_PAST_SHORT_TTL}, so a slow machine can only make a lease more expired, never
 * less. A store whose clock is coarser than that (e.g. a database clock in whole seconds) overrides both.
 *
 * @since 0.1
 */
public abstract class LeaseContractTest extends StoreContractSupport {

    /** A lease length that runs out during {@link #WAIT_PAST_SHORT_TTL}. */
    protected static final Duration SHORT_TTL = Duration.ofMillis(200);

    /** How long the tests wait for a {@link #SHORT_TTL} lease to run out. */
    protected static final Duration WAIT_PAST_SHORT_TTL = Duration.ofMillis(1200);

    private static final Duration HOUR = Duration.ofHours(1);

    /** @return how long a lease lasts in the tests where it must run out; override for coarse clocks */
    protected Duration shortTtl() {
        return SHORT_TTL;
    }

    /** @return how long to wait for a {@link #shortTtl()} lease to run out; override for coarse clocks */
    protected Duration waitPastShortTtl() {
        return WAIT_PAST_SHORT_TTL;
    }

    @BeforeEach
    void addAccounts() throws Exception {
        addAccount(ACCOUNT);
        addAccount(OTHER_ACCOUNT);
    }

    @Test
    void aFreeLeaseIsTaken() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
    }

    @Test
    void aHeldLeaseIsExclusive() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
        assertFalse(store.tryLease(ACCOUNT, "worker-b", HOUR));
        assertFalse(store.tryLease(ACCOUNT, "worker-b", Duration.ofDays(30)));
    }

    @Test
    void leasesOfAccountsAreIndependent() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
        assertTrue(store.tryLease(OTHER_ACCOUNT, "worker-b", HOUR));
        assertFalse(store.tryLease(OTHER_ACCOUNT, "worker-a", HOUR));
    }

    @Test
    void theHolderRenews() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", shortTtl()));
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR), "the holder renews");
        Thread.sleep(waitPastShortTtl().toMillis());
        assertFalse(store.tryLease(ACCOUNT, "worker-b", HOUR), "the renewal replaced the short lease");
    }

    @Test
    void anExpiredLeaseGoesToTheNextWorker() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", shortTtl()));
        Thread.sleep(waitPastShortTtl().toMillis());
        assertTrue(store.tryLease(ACCOUNT, "worker-b", HOUR));
        assertFalse(store.tryLease(ACCOUNT, "worker-a", HOUR), "the old holder lost it");
    }

    @Test
    void aReleasedLeaseIsFree() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
        store.releaseLease(ACCOUNT, "worker-a");
        assertTrue(store.tryLease(ACCOUNT, "worker-b", HOUR));
    }

    @Test
    void onlyTheHolderReleases() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
        store.releaseLease(ACCOUNT, "worker-b");
        assertFalse(store.tryLease(ACCOUNT, "worker-b", HOUR));
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
    }

    @Test
    void releasingAFreeLeaseDoesNothing() throws Exception {
        store.releaseLease(ACCOUNT, "worker-a");
        assertTrue(store.tryLease(ACCOUNT, "worker-b", HOUR));
    }

    @Test
    void leasesAreNotPartOfTransactions() throws Exception {
        assertTrue(store.tryLease(ACCOUNT, "worker-a", HOUR));
        commit(tx -> tx.putAccount(accountConfig(ACCOUNT)));
        assertFalse(store.tryLease(ACCOUNT, "worker-b", HOUR), "rewriting the account keeps its lease");
    }

    @Test
    void aLeaseOfAnUnknownAccountFailsWithNotFound() throws Exception {
        assertStoreError(StoreError.NOT_FOUND,
                () -> store.tryLease(AccountId.of("nobody"), "worker-a", HOUR));
    }
}
