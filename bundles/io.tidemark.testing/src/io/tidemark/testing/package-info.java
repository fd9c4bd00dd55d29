/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Test fixtures that start real servers on 127.0.0.1 and free ports, for every Tidemark test bundle.
 * Each fixture is {@link java.lang.AutoCloseable}: use it in try-with-resources or close it in
 * {@code @AfterAll}; closing stops the processes by PID and deletes the temp folder.
 *
 * <h2>Fixtures</h2>
 * <dl>
 * <dt>{@link io.tidemark.testing.DovecotServer}</dt>
 * <dd>A private Dovecot 2.3 ({@code /usr/sbin/dovecot -F -c <conf>}) with its own config, runtime folders,
 * passwd-file user ({@code alice}, random password) and maildir in a temp folder; starts in well under a
 * second. {@link io.tidemark.testing.CapabilityProfile} picks what it advertises: {@code FULL} (QRESYNC),
 * {@code CONDSTORE_ONLY} (Gmail-like) or {@code PLAIN} (IMAP4rev1; UIDPLUS and MOVE optional).
 * {@code tls(true)} adds imaps and STARTTLS with a {@link io.tidemark.testing.SelfSignedCertificate} whose
 * SHA-256 the account can pin. {@code account(id)}, {@code tlsAccount(id)} and {@code starttlsAccount(id)}
 * give ready {@link io.tidemark.model.AccountConfig}s; {@code forceUidValidity} and {@code doveadm} change
 * the server behind the client's back. A profile changes what Dovecot <em>advertises</em>; Dovecot still
 * executes ENABLE, CONDSTORE and QRESYNC commands a client sends anyway (see
 * {@link io.tidemark.testing.CapabilityProfile}).</dd>
 * <dt>{@link io.tidemark.testing.GreenMailServer}</dt>
 * <dd>GreenMail in the test JVM: plain IMAP4rev1 with UIDPLUS, MOVE, IDLE and no ENABLE/CONDSTORE/QRESYNC,
 * the server for fallback paths; it really refuses what it does not advertise. {@code resetUidValidity}
 * re-creates a mailbox to give it a new UIDVALIDITY.</dd>
 * <dt>{@link io.tidemark.testing.PostgresServer}</dt>
 * <dd>A private PostgreSQL 15 cluster (initdb into a temp folder, {@code pg_ctl} on a free port, trust
 * authentication, user {@code tidemark}); never the system cluster on 5432.</dd>
 * <dt>{@link io.tidemark.testing.OtherClient}</dt>
 * <dd>A second device: raw IMAP over a socket to append, flag, expunge, move, copy, create, rename and
 * delete, and {@code snapshot(mailbox)}, the oracle of UIDs, flags, UIDVALIDITY, UIDNEXT and
 * HIGHESTMODSEQ. Works against any server.</dd>
 * <dt>{@link io.tidemark.testing.MessageFactory} and {@link io.tidemark.testing.MaildirWriter}</dt>
 * <dd>Seeded realistic RFC 5322 messages, and writing them straight into Dovecot's maildir (100,000
 * messages in about 15 s, a million small ones in about 90 s, on a loaded two-core machine; before or
 * while Dovecot runs).</dd>
 * </dl>
 *
 * <h2>Missing programs</h2>
 * A fixture whose program is missing fails with a message naming the apt package when the environment
 * variable {@code CI} is set, and otherwise aborts the test ({@link org.opentest4j.TestAbortedException},
 * reported as skipped) with that message.
 *
 * <h2>Threads and I/O</h2>
 * Fixtures start processes and sockets in their factory methods and block until the server answers.
 * Accessors are thread-safe; {@code OtherClient} and {@code MessageFactory} instances are for one thread.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.tidemark.testing;
