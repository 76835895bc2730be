#!/usr/bin/env bash
# r in the queue view resumes: a download cut by a dropped connection
# (fakeftpd cutonce, --retries 0 so the engine does not retry by itself)
# fails and keeps what arrived; retried from the view it continues with
# REST at that offset and ends equal to the server's file.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"
. "$TOP/tests/lib/fake.sh"

mkdir -p "$T/root"
head -c 1500000 /dev/urandom >"$T/root/data.bin"
start_fake cutonce

tui_start --retries 0 "$FAKE_URL"
wait_screen 'data\.bin'
tmux_keys g F5 Enter
wait_screen 'failed 1' 20
tmux_keys J
wait_screen '^ FAILED +get +1\.4M /data\.bin'
tmux_keys r
wait_screen '^ done +get +1\.4M /data\.bin' 20
grep -q "REST 100000" "$RAW" || fail "the retry did not resume: $(cat "$RAW")"
cat "$RAW" | grep -a "RETR\|REST" >&2; assert_same_file "$T/root/data.bin" "$T/local/data.bin"
tmux_keys Escape q
tmux_exited 15
