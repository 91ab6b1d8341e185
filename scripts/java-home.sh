# Sourced by ./ferry and the bench scripts: find_java_home prints a JDK >= 21 (JAVA_HOME, then the
# usual install locations, then java on PATH) or fails.
java_major() { # prints the major version of the java binary $1, or nothing
  # A JDK's `release` file names its version; reading it avoids starting a JVM on every ./ferry call.
  local release
  release="$(dirname "$(dirname "$1")")/release"
  if [[ -r "$release" ]] && grep -q '^JAVA_VERSION=' "$release"; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release" | head -n1
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java_home() {
  local candidates=() c major
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$c" ]] && candidates+=("$c")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [[ -x "$c/bin/java" && -x "$c/bin/javac" ]] || continue
    major="$(java_major "$c/bin/java")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
