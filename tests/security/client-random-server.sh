#!/usr/bin/env bash
# The client engine against a server whose replies are random
# (tests/tools/hostile_random_ftpd.py, reproducible from a seed): wrong
# codes, garbage, unterminated and endless replies, bad passive ports,
# random listings and bytes, early closes.  For each of 20 seeds,
# forkftp -k -e 'pwd; ls -l /; size f; get f; cd d; ls; quote NOOP' must
# not crash (ASan-clean, no signal), must finish (network timeout 1 s,
# killed after 60 s) and must print no control character.  A failing run
# names its seed: SEC_SEEDS="N" bash tests/security/client-random-server.sh
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
seeds=${SEC_SEEDS:-$(seq 1 20)}
n=0 slow=0
for seed in $seeds; do
	pf=$T/random.port.$seed
	"$PY" "$SEC_TOOLS/hostile_random_ftpd.py" "$seed" "$pf" 2>"$T/random.err" &
	srv=$!
	t_defer "kill $srv"
	wait_until 10 test -s "$pf" || fail "seed $seed: the random server did not start"
	mkdir -p "$T/dl.$seed"
	cd "$T/dl.$seed" || exit 1
	t0=$SECONDS
	timeout 60 "$FORKFTP" -t 1 -k -e 'pwd; ls -l /; size f; get f got.bin; cd d; ls; quote NOOP' \
		"ftp://127.0.0.1:$(cat "$pf")/" >"$T/out" 2>"$T/err"
	rc=$?
	cd "$TOP" || exit 1
	kill "$srv" 2>/dev/null
	[ "$rc" != 124 ] || fail "seed $seed: forkftp hung (killed after 60 s): $(tail -c 300 "$T/err")"
	[ "$rc" -lt 128 ] || fail "seed $seed: forkftp died of signal $((rc - 128)): $(tail -c 300 "$T/err")"
	sec_py sec_check_output.py "$T/out" >"$T/chk" || fail "seed $seed: stdout: $(cat "$T/chk")"
	sec_py sec_check_output.py "$T/err" >"$T/chk" || fail "seed $seed: stderr: $(cat "$T/chk")"
	[ $((SECONDS - t0)) -lt 20 ] || slow=$((slow + 1))
	n=$((n + 1))
done
sec_tried "$n clients against random servers (seeds $(echo $seeds | cut -d' ' -f1)-$(echo $seeds | awk '{print $NF}')); $slow took 20 s or more"
exit 0
