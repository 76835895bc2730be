#!/bin/sh
# deps.sh build|test: check what the build (and the test suite) need and
# install what is missing with apt-get when we are root, else print the
# exact command and stop.  Installing an FTP server package must not leave
# a system daemon listening, so service starts are blocked while we
# install (policy-rc.d) and tests start their own instances.
set -eu
what=${1:-build}

# pkg-config module -> Debian package
build_mods="libbsd-overlay:libbsd-dev ncursesw:libncurses-dev openssl:libssl-dev libcrypt:libcrypt-dev libedit:libedit-dev"
build_tools="pkg-config:pkg-config cc:gcc make:make"
test_mods="cmocka:libcmocka-dev"
test_tools="curl:curl gdb:gdb strace:strace lftp:lftp wget:wget tnftp:tnftp tmux:tmux clang:clang
/usr/bin/python3:python3 /usr/sbin/vsftpd:vsftpd ps:procps ss:iproute2
cmp:diffutils sha256sum:coreutils truncate:coreutils setpriv:util-linux
timeout:coreutils /usr/bin/time:time prlimit:util-linux
/usr/sbin/haproxy:haproxy openssl:openssl tcpdump:tcpdump"
test_pydeb="pyftpdlib:python3-pyftpdlib OpenSSL:python3-openssl cryptography:python3-cryptography"

missing=""
add() { case " $missing " in *" $1 "*) ;; *) missing="$missing $1";; esac; }

check_mods() {
	for pair in $1; do
		mod=${pair%%:*} pkg=${pair#*:}
		pkg-config --exists "$mod" 2>/dev/null || add "$pkg"
	done
}
check_tools() {
	for pair in $1; do
		tool=${pair%%:*} pkg=${pair#*:}
		command -v "$tool" >/dev/null 2>&1 || add "$pkg"
	done
}

check_tools "$build_tools"
command -v pkg-config >/dev/null 2>&1 && check_mods "$build_mods" ||
	for p in libbsd-dev libncurses-dev libssl-dev libcrypt-dev libedit-dev; do add $p; done
if [ "$what" = test ]; then
	check_tools "$test_tools"
	command -v pkg-config >/dev/null 2>&1 && check_mods "$test_mods"
	for pair in $test_pydeb; do
		/usr/bin/python3 -c "import ${pair%%:*}" 2>/dev/null || add "${pair#*:}"
	done
	# libFuzzer ships with clang's runtime.
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
		>/dev/null 2>&1 || add clang
	# pure-ftpd conflicts with vsftpd: it is extracted, not installed, and
	# its binary needs these libraries.
	for p in libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3; do
		dpkg -s "$p" >/dev/null 2>&1 || add "$p"
	done
	# proftpd-core is extracted the same way; it needs those four too, and
	# these (ldd build/peers/proftpd/usr/sbin/proftpd), most of which a
	# Debian base system already has.
	for p in libacl1 libcap2 libssl3 libpam0g libcrypt1 libpcre2-8-0; do
		dpkg -s "$p" >/dev/null 2>&1 || add "$p"
	done
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "deps: installing$missing"
		blocker=""
		if [ ! -e /usr/sbin/policy-rc.d ]; then
			printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
			chmod 755 /usr/sbin/policy-rc.d
			blocker=1
		fi
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } \
			>/tmp/forkftp-deps.log 2>&1 || {
			[ -z "$blocker" ] || rm -f /usr/sbin/policy-rc.d
			cat /tmp/forkftp-deps.log >&2
			echo "deps: apt-get failed; run: apt-get install$missing" >&2
			exit 1
		}
		[ -z "$blocker" ] || rm -f /usr/sbin/policy-rc.d
	else
		echo "deps: missing packages. Run as root:" >&2
		echo "  apt-get install$missing" >&2
		exit 1
	fi
fi

if [ "$what" = test ]; then
	# A distribution vsftpd must not be left listening on port 21.
	if command -v pgrep >/dev/null && pgrep -x vsftpd >/dev/null 2>&1; then
		pkill -x -f '/usr/sbin/vsftpd /etc/vsftpd.conf' 2>/dev/null || true
	fi
	# Nor a distribution HAProxy: tests/cluster runs its own in the foreground.
	if command -v pgrep >/dev/null && pgrep -x haproxy >/dev/null 2>&1; then
		pkill -f '^/usr/sbin/haproxy .*-f /etc/haproxy/haproxy.cfg' 2>/dev/null || true
	fi
	sh tests/peers/pureftpd-extract.sh
	sh tests/peers/proftpd-extract.sh
fi
exit 0
