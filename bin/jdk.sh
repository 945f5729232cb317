# Sourced by bin/run-demo and bin/test: points JAVA_HOME at a JDK of release 21 or newer.
# The machine's default java may be older (17), so we look rather than hope.

java_release() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

use_jdk_21() {
  local candidate release
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    release=$(java_release "$candidate")
    if [ -n "$release" ] && [ "$release" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "ShopChat needs a JDK 21 or newer and none was found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
  echo "Install one (e.g. apt-get install -y openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  return 1
}
