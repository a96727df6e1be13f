# Shared helpers for the scripts in this folder. Source it from the repository root.

# Builds target/tandem-*.jar and target/lib/ unless they are newer than every source file.
build_if_needed() {
  local jar
  jar=$(ls target/tandem-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "building Tandem (mvn -B -q -DskipTests package)..." >&2
    mvn -B -q -DskipTests package >&2
  fi
}

tandem_classpath() {
  echo "$(ls target/tandem-*.jar | head -1):target/lib/*"
}

# JVM flags for Tandem processes: Hazelcast wants access to a few JDK internals for speed.
TANDEM_JVM_FLAGS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens java.management/sun.management=ALL-UNNAMED \
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
