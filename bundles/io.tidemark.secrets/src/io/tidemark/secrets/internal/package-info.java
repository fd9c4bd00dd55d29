/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The default {@code io.tidemark.sync.api.SecretStore}: Equinox secure storage in Tidemark's configuration
 * folder, opened with a master password file (see {@link io.tidemark.secrets.internal.EquinoxSecretStore}).
 */
package io.tidemark.secrets.internal;
