# Shared by the scripts: repo root, build helpers, the loopback-only network namespace.
SB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export SB_ROOT
export NODE_PATH_DEBIAN=/usr/share/nodejs

sb_build() {  # sb_build PRESET: configure (once) and build
  local preset=$1
  if [ ! -f "$SB_ROOT/build/$preset/build.ninja" ]; then
    (cd "$SB_ROOT" && NODE_PATH=/usr/share/nodejs cmake --preset "$preset" >/dev/null)
  fi
  (cd "$SB_ROOT" && NODE_PATH=/usr/share/nodejs cmake --build --preset "$preset")
}

# Runs a command inside a private network namespace where only loopback exists: nothing it starts
# can reach or be reached from outside, and its ports cannot clash with the machine's.
sb_loopback_only() {
  local ns=(unshare -n)
  [ "$(id -u)" = 0 ] || ns=(unshare -rn)
  "${ns[@]}" -- bash -c 'ip link set lo up && exec "$@"' sb-netns "$@"
}
