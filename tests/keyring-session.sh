#!/bin/sh
# keyring-session.sh PROGRAM [ARGS...]: runs PROGRAM on a private session bus
# with a real Secret Service: gnome-keyring-daemon (secrets component),
# unlocked with an empty password, its keyring files in a temporary HOME
# that is removed afterwards. Nothing touches the user's own keyring.
set -eu

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ascend-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/runtime"
chmod 700 "$tmp/runtime"

HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/runtime" \
  dbus-run-session -- sh -c '
    # The daemon forks and leaves with the bus; an empty password line on stdin
    # creates and unlocks the login keyring (the default collection); with
    # no newline at all it creates nothing and libsecret would ask a prompter.
    echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    # Tells the test it is safe to write secrets.
    export ASCEND_TEST_KEYRING="$XDG_RUNTIME_DIR/keyring/control"
    exec "$@"
  ' keyring-session "$@"
