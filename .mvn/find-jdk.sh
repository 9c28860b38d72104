# Sourced by ./medley and ./run-tests: finds a JDK 21 or newer and prints its home.
# Looks at JAVA_HOME, then the java on PATH, then /usr/lib/jvm/* (newest first), so that a machine
# whose default java is older still builds and runs Medley.

# Prints the major version of the JDK whose home is $1, or nothing.
medley_java_major() {
  local home="$1" version=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  fi
  if [ -z "$version" ]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  fi
  echo "$version"
}

medley_find_jdk() {
  local candidates=() home major
  if [ -n "${JAVA_HOME:-}" ]; then candidates+=("$JAVA_HOME"); fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  while IFS= read -r home; do candidates+=("$home"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -Vr)
  for home in "${candidates[@]}"; do
    major="$(medley_java_major "$home")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$home/bin/javac" ]; then
      echo "$home"
      return 0
    fi
  done
  echo "medley: needs a JDK 21 or newer; none found in JAVA_HOME, PATH or /usr/lib/jvm." >&2
  echo "        Install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it." >&2
  return 1
}
