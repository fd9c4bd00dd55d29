/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.sync.api.SecretStore;

/**
 * Keeps secrets in memory for the tests, registered as the {@link SecretStore} service with a high ranking.
 * It stands in for the Equinox secure storage implementation (bundle {@code io.tidemark.secrets}), which is not
 * in the tree yet; the views use whichever {@code SecretStore} the registry offers.
 */
final class TestSecrets implements SecretStore {

    private final Map<AccountId, char[]> secrets = new ConcurrentHashMap<>();

    @Override
    public void save(AccountConfig account, char[] secret) {
        secrets.put(account.id(), secret.clone());
    }

    @Override
    public boolean has(AccountId account) {
        return secrets.containsKey(account);
    }

    @Override
    public void delete(AccountId account) {
        char[] old = secrets.remove(account);
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }

    /** @return the saved secret, for assertions */
    String secretOf(AccountId account) {
        char[] s = secrets.get(account);
        return s == null ? null : new String(s);
    }

    @Override
    public CredentialsProvider provider() {
        return (account, failed) -> {
            char[] s = secrets.get(account.id());
            if (s == null || failed) {
                throw new CoreException(new ImapStatus(ImapError.AUTHENTICATION, account.id(), null,
                        s == null ? "no password saved" : "the saved password was rejected", null));
            }
            return Credentials.password(account.user(), s);
        };
    }
}
