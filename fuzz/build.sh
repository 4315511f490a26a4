#!/bin/sh
# Builds the libFuzzer targets with clang, ASan and UBSan into fuzz/out/.
# The health layer is pure C on GLib, so the targets compile its sources
# directly; fuzz/config.h stands in for the config.h meson generates.
#
#   fuzz/build.sh
#   fuzz/out/fuzz-hrm -max_total_time=600 -max_len=600 /tmp/hrm fuzz/corpus-hrm
#   fuzz/out/fuzz-rr  -max_total_time=600 /tmp/rr fuzz/corpus-rr
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/../src/health"
out="$here/out"
CC=${CC:-clang}
mkdir -p "$out"

set -- -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -Wall -Wextra -Werror \
    -Wno-unused-parameter -Wno-missing-field-initializers \
    '-DG_LOG_DOMAIN="Ascend"' '-DGETTEXT_PACKAGE="anime-ascend"' \
    -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
    -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
    -I "$here" -I "$src"
glib=$(pkg-config --cflags --libs glib-2.0)

# shellcheck disable=SC2086 # $glib is a list of flags
$CC "$@" -o "$out/fuzz-hrm" "$here/fuzz-hrm.c" \
    "$src/ascend-hrm.c" "$src/ascend-health-error.c" $glib -lm
# shellcheck disable=SC2086
$CC "$@" -o "$out/fuzz-rr" "$here/fuzz-rr.c" \
    "$src/ascend-hrv.c" "$src/ascend-stress.c" "$src/ascend-health-error.c" $glib -lm
