# Shared helpers for the scripts in this folder. Source it from the repository root.

# The modules' jars (src/<module>/target/tandem-<module>-*.jar) and their dependencies
# (src/server/target/lib, src/load/target/lib), as `mvn package` leaves them.
module_jar() {
  ls src/"$1"/target/tandem-"$1"-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -1 || true
}

# Builds the modules unless their jars are newer than every source file and pom.
build_if_needed() {
  local jar
  jar=$(module_jar load)
  if [ -z "$jar" ] || [ -z "$(module_jar server)" ] \
      || [ -n "$(find pom.xml src/*/pom.xml src/*/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "building Tandem (mvn -B -q -DskipTests package)..." >&2
    mvn -B -q -DskipTests package >&2
    # Maven leaves a jar whose contents did not change as it was; mark them all as built now, or
    # every later start would find sources newer than that jar and run Maven again.
    touch src/*/target/tandem-*.jar
  fi
}

# The node's classpath (dev.tandem.Main, dev.tandem.server.Services).
server_classpath() {
  echo "$(module_jar server):src/server/target/lib/*"
}

# The load tools' classpath (load generator, scale test, OT benchmark, fail-over probe, command-line client).
load_classpath() {
  echo "$(module_jar load):src/load/target/lib/*"
}

# JVM flags for Tandem processes: Hazelcast wants access to a few JDK internals for speed.
TANDEM_JVM_FLAGS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens java.management/sun.management=ALL-UNNAMED \
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"

# The node's JVM options (scripts/run), unless TANDEM_JAVA_OPTS replaces them. Why each one:
# docs/BENCHMARKS.md ("JVM options").
TANDEM_NODE_JVM_OPTS="-Xms512m -Xmx4g -XX:+UseG1GC"

# The class-data-sharing (AppCDS) options for a JVM running JAR with the classpath CP and the
# options after it. Three stages, each tied to the jar (a rebuilt jar starts over):
#   1. no class list yet: record the classes this run loads (-XX:DumpLoadedClassList, under a name
#      of its own, so several nodes starting at once do not write one file);
#   2. a class list but no archive: make the archive from it (-Xshare:dump, about 5 s) and use it;
#   3. an archive: map it (-XX:SharedArchiveFile).
# Lambda proxies are left out of the archive: with them the dump of JDK 17.0.15 crashes
# (JDK-8274944, fixed in later JDKs). Prints nothing when TANDEM_CDS=off or the dump failed.
cds_options() {
  local jar=$1 cp=$2; shift 2
  local archive="${jar%.jar}.jsa" list="${jar%.jar}.classlist" newest
  [ "${TANDEM_CDS:-on}" = "off" ] && return 0
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
    echo "-XX:SharedArchiveFile=$archive"
    return 0
  fi
  rm -f "$archive"
  if [ ! -f "$list" ] || [ "$jar" -nt "$list" ]; then
    newest=$(ls -t "$list".* 2>/dev/null | head -1 || true)
    if [ -n "$newest" ] && [ "$newest" -nt "$jar" ] && [ -s "$newest" ]; then
      grep -v '^@lambda-proxy' "$newest" > "$list" || true
    fi
  fi
  if [ -s "$list" ] && [ "$list" -nt "$jar" ]; then
    rm -f "$list".* 2>/dev/null || true
    echo "making the class-data archive $archive from $list..." >&2
    if java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$archive.$$" "$@" -cp "$cp" \
        > "$archive.log" 2>&1 && [ -s "$archive.$$" ]; then
      mv -f "$archive.$$" "$archive"
      echo "-XX:SharedArchiveFile=$archive"
    else
      echo "could not make the class-data archive (see $archive.log); starting without it" >&2
      rm -f "$archive.$$" "$list"
    fi
    return 0
  fi
  echo "-XX:DumpLoadedClassList=$list.$$"
}

# "JVM_PID[,POSTMASTER_PID]": a node's JVM and, when it runs an embedded PostgreSQL (which detaches
# from the JVM), that PostgreSQL's postmaster, found by the data directory in the JVM's arguments.
server_pids() {
  local pid=$1 dir postmaster
  dir=$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -A1 -x -- '--data-dir' | tail -1 || true)
  if [ -z "$dir" ] || [ "$dir" = "--data-dir" ]; then
    dir="data"
  fi
  case "$dir" in /*) ;; *) dir="$(readlink "/proc/$pid/cwd" 2>/dev/null)/${dir#./}" ;; esac
  postmaster=$(pgrep -f -- "postgres -D $dir/postgres( |$)" 2>/dev/null | head -1 || true)
  echo "$pid${postmaster:+,$postmaster}"
}

# Like build_if_needed, but never rebuilds jars that a running process (a node started by
# scripts/run from this tree) has open: replacing them would break that node's class loading.
build_unless_in_use() {
  local jar
  jar=$(module_jar server)
  if [ -n "$jar" ] && command -v lsof >/dev/null 2>&1 && lsof -t "$jar" >/dev/null 2>&1; then
    if [ -n "$(find pom.xml src/*/pom.xml src/*/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
      echo "warning: sources changed, but a running process uses $jar; running the jars as built" >&2
    fi
    return
  fi
  build_if_needed
}

need() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif need sudo; then sudo "$@"; else "$@"; fi; }

# Installs Node.js and npm, and the other Debian packages named after the caller's name (say
# chromium), with apt-get when they are missing. Usage: install_node_tools CALLER [PACKAGE...]
install_node_tools() {
  local caller=$1; shift
  local packages=()
  need node || packages+=(nodejs)
  need npm || packages+=(npm)
  local p
  for p in "$@"; do need "$p" || packages+=("$p"); done
  if [ ${#packages[@]} -gt 0 ]; then
    echo "$caller: installing ${packages[*]} (apt-get)..." >&2
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >&2
  fi
}

# Installs the JavaScript dependencies (npm ci, from the lockfiles) of the browser app's tests and
# benchmarks (src/web: playwright-core, quill-delta, ...) and of the SDK (clients/js) when missing.
install_js_dependencies() {
  local caller=$1
  if [ ! -d src/web/node_modules/playwright-core ] || [ ! -d src/web/node_modules/quill-delta ] \
      || [ ! -d src/web/node_modules/fractional-indexing ]; then
    echo "$caller: installing the JavaScript test dependencies (npm ci in src/web)..." >&2
    (cd src/web && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
  if [ ! -d clients/js/node_modules/esbuild ] || [ ! -d clients/js/node_modules/typescript ]; then
    echo "$caller: installing the SDK's development dependencies (npm ci in clients/js)..." >&2
    (cd clients/js && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}
