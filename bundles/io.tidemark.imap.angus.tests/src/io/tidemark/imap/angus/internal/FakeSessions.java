/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.AccountConfig.Builder;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.Security;

/** Accounts and credentials for sessions against a {@link ScriptedImapServer}. */
final class FakeSessions {

    private FakeSessions() {
    }

    /** @return a plain-connection account for user alice on the fake server */
    static Builder account(ScriptedImapServer server) {
        return AccountConfig.builder(AccountId.of("fake")).host("127.0.0.1").port(server.port())
                .security(Security.NONE).allowInsecure(true).user("alice").auth(AuthMechanism.LOGIN)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(20));
    }

    /** A provider handing out the given secrets in turn and recording how it was asked. */
    static final class Secrets implements CredentialsProvider {
        private final List<String> secrets;
        private final boolean token;
        final List<Boolean> asked = Collections.synchronizedList(new ArrayList<>());

        Secrets(boolean token, String... secrets) {
            this.token = token;
            this.secrets = List.of(secrets);
        }

        static Secrets passwords(String... secrets) {
            return new Secrets(false, secrets);
        }

        static Secrets tokens(String... secrets) {
            return new Secrets(true, secrets);
        }

        @Override
        public Credentials credentials(AccountConfig account, boolean previousAttemptFailed) throws CoreException {
            int n = asked.size();
            asked.add(previousAttemptFailed);
            if (n >= secrets.size()) {
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null, "no more secrets", null);
            }
            char[] s = secrets.get(n).toCharArray();
            return token ? Credentials.token(account.user(), s) : Credentials.password(account.user(), s);
        }
    }
}
