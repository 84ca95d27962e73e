#!/bin/sh
# Peak memory (maximum resident set size) of `allocfix check` and `allocfix diff` over DIR
# with 2 worker threads, and of tree-sitter parse-only for comparison is in
# `cargo bench --bench throughput`. Usage: benches/rss.sh DIR (builds the release binary).
set -eu
dir=${1:?usage: benches/rss.sh DIR}
cargo build --release --quiet --bin allocfix
bin=$(dirname "$0")/../target/release/allocfix
for cmd in check diff; do
    /usr/bin/time -v "$bin" "$cmd" --jobs 2 "$dir" >/dev/null 2>/tmp/allocfix-rss.$$ || true
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' /tmp/allocfix-rss.$$)
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' /tmp/allocfix-rss.$$)
    echo "$cmd: peak RSS $((rss / 1024)) MB, wall $wall"
done
rm -f /tmp/allocfix-rss.$$
