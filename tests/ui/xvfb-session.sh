#!/bin/sh
# xvfb-session.sh XVFB_RUN DBUS_RUN_SESSION COMMAND...
#
# Runs COMMAND in its own X server and D-Bus session bus, as
# `xvfb-run -a dbus-run-session -- COMMAND` would, with one difference:
# the display number search starts at a number drawn from this shell's
# process id instead of at 99. Build containers that share /tmp (and so
# /tmp/.X11-unix) but not a PID namespace run xvfb-run side by side, and
# Xvfb takes a lock whose owner it cannot see for a stale one: two servers
# on :99 then unlink each other's socket and a test fails with "cannot open
# display". Starting far apart makes that practically impossible.
#
# The screen is larger than any window the tests open (GTK keeps a window
# inside the screen, and the screenshots are 1280 wide plus a border);
# -noreset keeps the server (and its auth) up when the last client leaves,
# which at-spi-bus-launcher otherwise makes happen before the app connects.
#
# Only COMMAND writes to stdout (the TAP stream): D-Bus activates services
# such as at-spi2-registryd with the bus daemon's stdout, and they print
# there, so everything but COMMAND gets stderr as its stdout.
set -eu
xvfb_run=$1
dbus_run_session=$2
shift 2
first=$(( 200 + ($$ * 7919) % 30000 ))
exec 3>&1
exec "$xvfb_run" -a -n "$first" -s "-screen 0 2560x1600x24 -nolisten tcp -noreset" \
  "$dbus_run_session" -- sh -c 'exec "$@" 1>&3 3>&-' sh "$@" 1>&2
