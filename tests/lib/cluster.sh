# Helpers for tests/cluster/*: forkftpd nodes behind HAProxy, configured
# from README.md's "Running several forkftpd" blocks.  Sourced by
# tests/lib.sh.

# cluster_pasv_base: PASV_BASE, the first of 120 ports (three passive
# ranges of 40) below the ephemeral range where nothing listens, or a SKIP.
cluster_pasv_base() {
	local _
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		PASV_BASE=$((12000 + (RANDOM % 150) * 120))
		_cluster_listening_in "$PASV_BASE" $((PASV_BASE + 119)) || return 0
	done
	skip "no free passive port range"
}

_cluster_listening_in() {
	ss -Hltn | awk -v lo="$1" -v hi="$2" '{ n = split($4, a, ":"); p = a[n] + 0 }
	    p >= lo && p <= hi { found = 1 } END { exit !found }'
}

# readme_block MARKER: the fenced block after README's "<!-- MARKER" line.
readme_block() {
	awk -v m="<!-- $1" 'index($0, m) == 1 { want = 1; next }
	    want && /^```/ { if (inside) exit; inside = 1; next }
	    inside' "$TOP/README.md"
}

# cluster_sub BALANCER CPORT: a sed -E script that gives README's
# cluster-config block this run's addresses and ports: the frontend on
# BALANCER:CPORT, node N on 127.0.0.1N:$NODEN_PORT, node N's passive
# range from PASV_BASE + (N - 1) * 40 on BALANCER.
cluster_sub() {
	local bal=$1 cport=$2 n lo port sub
	sub="s/192\.0\.2\.1:21\$/$bal:$cport/"
	for n in 1 2 3; do
		lo=$((PASV_BASE + (n - 1) * 40))
		eval "port=\$NODE${n}_PORT"
		sub="$sub; s/10\.0\.0\.1$n:2121/127.0.0.1$n:$port/"
		sub="$sub; s/10\.0\.0\.1$n send-proxy-v2/127.0.0.1$n send-proxy-v2/"
		sub="$sub; s/192\.0\.2\.1:$((50000 + (n - 1) * 40))-$((50039 + (n - 1) * 40))/$bal:$lo-$((lo + 39))/"
	done
	printf '%s\n' "$sub"
}

# cluster_clients FUNCTION I...: FUNCTION I for every I at once, each
# logged in $T/client_I.log; fails naming the first that failed.
cluster_clients() {
	local fn=$1 i p
	shift
	local -a pids=()
	for i in "$@"; do
		"$fn" "$i" >"$T/client_$i.log" 2>&1 &
		pids+=("$!")
		t_defer "kill $! 2>/dev/null"
	done
	for i in "$@"; do
		p=${pids[0]}
		pids=("${pids[@]:1}")
		wait "$p" || fail "client 127.0.0.$i failed: $(cat "$T/client_$i.log")"
	done
}
