#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Builds the libFuzzer target over the event decoder and row formatting
# (clang, -fsanitize=fuzzer,address,undefined) and runs it.
#
#   tests/fuzz/run.sh [SECONDS]      build, seed, fuzz (default 60 s)
#
# The seed corpus is made of the binlog fixtures (../shared/fixtures beside
# the repository, read in place): each file whole, and each event of each
# file on its own behind the file's format description.  Without the
# fixtures the fuzzer starts from a minimal binlog.  Exits non-zero when
# the fuzzer finds anything; the crashing input is left in the build
# directory (crash-*, leak-*, ...).
#
# Environment: BUILD_DIR (default: build-fuzz/ in the source tree),
# FUZZ_JOBS (parallel fuzzing processes, default 1).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_TO_RUN=${1:-60}
FIXTURES=${MYSQL_BINLOG_FIXTURES_DIR:-$ROOT/../shared/fixtures/mysql-binlogs}

log ()
{
    echo "fuzz: $*" >&2
}

command -v clang >/dev/null || { log "clang is missing (apt-get install clang)"; exit 1; }

if [ ! -f "$BUILD/build.ninja" ]; then
    CC=clang meson setup "$BUILD" "$ROOT" \
        -Dintrospection=disabled -Dexamples=false -Dtests=false \
        -Db_sanitize=address,undefined -Db_lundef=false \
        -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" >&2
fi
meson compile -C "$BUILD" libmysqlbinlog-glib/mysqlbinlog-glib-internal >&2

# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$BUILD" -I"$BUILD/libmysqlbinlog-glib" -I"$ROOT" -I"$ROOT/libmysqlbinlog-glib" \
    -DMYSQL_BINLOG_COMPILATION \
    "$ROOT/tests/fuzz/fuzz-decoder.c" \
    "$BUILD/libmysqlbinlog-glib/libmysqlbinlog-glib-internal.a" \
    $(pkg-config --cflags --libs gio-2.0 zlib libzstd) \
    $(pkg-config --libs libmariadb 2>/dev/null || pkg-config --libs mysqlclient) \
    $(pkg-config --libs libdeflate 2>/dev/null) \
    -o "$BUILD/fuzz-decoder"

CORPUS=$BUILD/corpus
SEEDS=$BUILD/seeds
rm -rf "$SEEDS"
mkdir -p "$CORPUS" "$SEEDS"
if [ -d "$FIXTURES" ]; then
    # Whole files, and single events behind their file's magic and format
    # description, so that every event type is a short seed of its own.
    for f in "$FIXTURES"/*; do
        [ -f "$f" ] || continue
        python3 - "$f" "$SEEDS" <<'PY'
import os, struct, sys, zlib
path, out = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
name = os.path.basename(path)

def has_checksums(fde):
    # The checksum of a format description skips its "in use" flag.
    body = bytearray(fde[:-4])
    body[17] &= 0xfe
    return len(fde) > 23 and zlib.crc32(bytes(body)) == struct.unpack('<I', fde[-4:])[0]

# The first byte of an input asks the target to recompute the checksums
# (bit 0) and to read transaction payloads in parts (bit 1).
def seed(file_name, contents, checksums, parts=False):
    with open(os.path.join(out, file_name), 'wb') as f:
        f.write(bytes([(1 if checksums else 0) | (2 if parts else 0)]) + contents[:65535])

if data[:4] != b'\xfebin':
    seed(name, data, False)
    sys.exit(0)
off, events = 4, []
while off + 19 <= len(data):
    size = struct.unpack_from('<I', data, off + 9)[0]
    if size < 19 or off + size > len(data):
        break
    events.append(data[off:off + size])
    off += size
if not events or events[0][4] != 15:
    seed(name, data, False)
    sys.exit(0)
fde = events[0]
checksums = has_checksums(fde)
seed(name, data, checksums)
if any(event[4] == 40 for event in events):
    seed(name + '.parts', data, checksums, parts=True)
for i, event in enumerate(events[1:], 1):
    if len(event) <= 65000:
        seed('%s.%03d' % (name, i), b'\xfebin' + fde + event, checksums)
        if event[4] == 40:
            seed('%s.%03d.parts' % (name, i), b'\xfebin' + fde + event, checksums, parts=True)
PY
    done
else
    log "no fixtures at $FIXTURES: starting from a minimal binlog"
    printf '\x00\xfebin' > "$SEEDS/magic"
fi
log "$(ls "$SEEDS" | wc -l) seeds"

cd "$BUILD"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
JOBS=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
    JOBS=(-fork="$FUZZ_JOBS")
fi
./fuzz-decoder -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 "${JOBS[@]}" -print_final_stats=1 "$CORPUS" "$SEEDS"
