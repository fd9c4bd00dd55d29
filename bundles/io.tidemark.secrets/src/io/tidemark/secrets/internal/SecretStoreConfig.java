/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.secrets.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The secret store's configuration (PID {@code io.tidemark.secrets}), through ConfigAdmin. */
@ObjectClassDefinition(id = EquinoxSecretStore.PID, name = "Tidemark secrets",
        description = "Where Tidemark keeps account secrets (Equinox secure storage)")
@interface SecretStoreConfig {

    /** @return the folder of the storage and key files; empty for the user's configuration folder */
    @AttributeDefinition(name = "Folder", required = false,
            description = "Folder of secure-storage and secure-storage.key. Empty: $XDG_CONFIG_HOME/tidemark.")
    String folder() default "";
}
