/*
 * hashrate: how fast one core digests a file with proto/digest
 * (libcrypto's EVP), the work the server does for a HASH it has not
 * cached and the client does on the bytes it receives (row 6).  A cold
 * verified download cannot finish before the server's digest exists,
 * and the client's digest runs on the receiving core either way.
 *
 *   hashrate FILE [ALGO]	ALGO: SHA-256 (default), SHA-512, SHA-1, MD5
 *
 * Prints "bytes B seconds S".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "digest.h"

static double
hr_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	enum digest_algo algo = DIGEST_SHA256;
	char hex[DIGEST_HEX_MAX];
	struct stat st;
	double t0;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: hashrate FILE [ALGO]\n");
		return 2;
	}
	if (argc == 3 && digest_from_name(argv[2], &algo) == -1) {
		fprintf(stderr, "hashrate: unknown digest %s\n", argv[2]);
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		fprintf(stderr, "hashrate: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	t0 = hr_now();
	if (digest_fd(fd, algo, 0, -1, hex) == -1) {
		fprintf(stderr, "hashrate: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("bytes %lld seconds %.6f\n", (long long)st.st_size, hr_now() - t0);
	return 0;
}
