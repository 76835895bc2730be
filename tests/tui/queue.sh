#!/usr/bin/env bash
# J, the transfer queue view: a failed download (permission denied) shows
# the server's reason and is retried with r once the file is readable; a
# rate-limited transfer shows its running row with a progress bar and is
# cancelled from the view with Del (ABOR, nothing left behind); Del
# removes a finished row or drops a queued job, C clears them; Esc and J
# go back.  One transfer connection (-j 1), so a second job waits.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
printf 'aaa\n' >"$T/root/a-fine.txt"
head -c 3000 /dev/urandom >"$T/root/b-secret.bin"
head -c 6000000 /dev/urandom >"$T/root/c-slow.bin"
head -c 3000000 /dev/urandom >"$T/root/d-queued.bin"
make_root "$T/root"
chmod 000 "$T/root/b-secret.bin"
start_forkftpd --anonymous-write --max-rate 400000 "$T/root"

tui_start -j 1 "$FTPD_URL/"
wait_screen 'd-queued\.bin'

# An empty queue first.
tmux_keys J
wait_screen 'transfer queue: 0 jobs'
tmux_keys Escape
wait_screen 'a-fine\.txt'

# a-fine.txt, then b-secret.bin: one done, one refused.
tmux_keys g F5 Enter
wait_until 10 test -f "$T/local/a-fine.txt" || fail "a-fine.txt not downloaded"
wait_screen 'done 1, failed 0'
tmux_keys j F5 Enter
wait_screen 'failed 1'
tmux_keys J
wait_screen 'transfer queue: 2 jobs, 0 running, 0 queued, 2 finished, 1 failed'
wait_screen '^ done +get +4B /a-fine\.txt'
wait_screen '^ FAILED +get +2\.9K /b-secret\.bin +.*(denied|550)'
# The cursor starts on the newest row: the failed one.  Fix and retry.
chmod 644 "$T/root/b-secret.bin"
tmux_keys r
wait_screen 'retrying b-secret\.bin'
wait_screen '^ done +get +2\.9K /b-secret\.bin' 15
wait_until 10 cmp -s "$T/root/b-secret.bin" "$T/local/b-secret.bin"
assert_same_file "$T/root/b-secret.bin" "$T/local/b-secret.bin"
# r on a row that did not fail says so.
tmux_keys r
wait_screen 'only a failed or cancelled transfer can be retried'

# Del on a finished row removes it; J goes back to the browser.
tmux_keys g Delete
wait_screen 'transfer queue: 1 job,'
wait_screen_not 'a-fine\.txt'
tmux_keys J
wait_screen 'Queue: empty'

# A slow download: its row runs with a bar and a rate, Del aborts it.
tmux_keys G k F5 Enter
wait_screen 'get c-slow\.bin +\['
tmux_keys J
wait_screen '^ running +get +5\.7M /c-slow\.bin +\[#*-+\] +[0-9]+% +[0-9.]+[KM]?B?/s' 15
tmux_keys G Delete
wait_screen 'cancelling c-slow\.bin \(ABOR\)'
wait_screen '^ cancelled +get +5\.7M /c-slow\.bin +cancelled' 15
wait_until 10 test ! -e "$T/local/c-slow.bin" || fail "partial download left behind"

# A cancelled job can be retried too, and cancelled again while it runs.
tmux_keys r
wait_screen '^ running +get +5\.7M /c-slow\.bin' 15
tmux_keys Delete
wait_screen '^ cancelled +get +5\.7M /c-slow\.bin' 15

# c-slow.bin and d-queued.bin: the second waits in the queue; Del drops
# it there, and the running one goes on until it is cancelled too.
tmux_keys Escape
wait_screen 'Queue: empty'
tmux_keys G k Space Space F5 Enter
tmux_keys J
wait_screen '^ queued +get +2\.9M /d-queued\.bin'
wait_screen '^ running +get +5\.7M /c-slow\.bin' 15
tmux_keys G Delete
wait_screen '^ cancelled +get +2\.9M /d-queued\.bin +cancelled'
wait_screen '^ running +get +5\.7M /c-slow\.bin'
tmux_keys G Delete
wait_screen 'transfer queue: 4 jobs, 0 running, 0 queued, 4 finished' 15
test ! -e "$T/local/d-queued.bin" || fail "the dropped job ran"

# C clears the finished rows.
tmux_keys C
wait_screen 'cleared 4 finished row'
wait_screen 'transfer queue: 0 jobs'
tmux_keys Escape
wait_screen 'c-slow\.bin'
tmux_keys q
tmux_exited 15
assert_eq 0 "$TUI_STATUS" "exit status"
