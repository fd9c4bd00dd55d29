# SPDX-License-Identifier: EPL-2.0
#
# Sourced by the benchmark scripts: transport_classpath prints the class path of the Angus IMAP transport
# (model, imap.api, imap.angus classes of this reactor and their jars from the local Maven repository);
# build_transport compiles those modules offline. Needs $root (the repository) and JAVA_HOME.
m2="${MAVEN_REPO:-$HOME/.m2/repository}"

build_transport() {
  (cd "$root" && ./mvnw -B -o -q package -DskipTests \
    -pl "targetplatform,bundles/io.tidemark.model,bundles/io.tidemark.imap.api,bundles/io.tidemark.imap.angus$*")
}

jar_of() {
  local d
  d="$(ls -d "$m2/$1"/*/ | sort -V | tail -1)"
  ls "$d"*.jar | grep -v -- '-sources' | head -1
}

transport_classpath() {
  local cp="$root/bundles/io.tidemark.model/target/classes"
  cp="$cp:$root/bundles/io.tidemark.imap.api/target/classes"
  cp="$cp:$root/bundles/io.tidemark.imap.angus/target/classes"
  cp="$cp:$m2/org/eclipse/angus/angus-mail/2.0.5/angus-mail-2.0.5.jar"
  cp="$cp:$m2/jakarta/mail/jakarta.mail-api/2.1.5/jakarta.mail-api-2.1.5.jar"
  cp="$cp:$m2/jakarta/activation/jakarta.activation-api/2.1.4/jakarta.activation-api-2.1.4.jar"
  cp="$cp:$(jar_of org/eclipse/platform/org.eclipse.equinox.common)"
  cp="$cp:$m2/org/eclipse/platform/org.eclipse.osgi/3.24.300/org.eclipse.osgi-3.24.300.jar"
  echo "$cp"
}
