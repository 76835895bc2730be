/*
 * proxy: the PROXY protocol header a load balancer puts in front of a
 * forwarded connection (HAProxy's doc/proxy-protocol.txt, versions 1 and
 * 2), and the address lists saying who may send one.  Parsing only: the
 * server decides when to read and whom to trust.
 */
#ifndef PROXY_H
#define PROXY_H

#include <sys/socket.h>
#include <stddef.h>
#include <stdint.h>

/* Longest header accepted: v1's maximum is 107; v2 is 16 + addresses + TLVs. */
#define PROXY_MAX	(16 + 2048)
#define PROXY_V1_MAX	107

struct proxy_hdr {
	int		 version;	/* 1 or 2 */
	int		 local;		/* v2 LOCAL or v1 UNKNOWN: no addresses */
	struct sockaddr_storage src;	/* the client, when !local */
	struct sockaddr_storage dst;	/* the address it connected to */
};

/*
 * Parse the header at the start of buf[0..len).  Returns its length
 * (> 0) when it is complete, 0 when every byte so far may start a valid
 * header and more are needed, -1 when it is malformed or unsupported
 * (v2 PROXY for anything but TCP over IPv4/IPv6).  TLVs are checked for
 * shape and skipped.  hdr is filled only on success.  A result of 0
 * guarantees that all len bytes belong to the header, so a caller may
 * consume them before asking again.
 */
int	proxy_parse(const uint8_t *buf, size_t len, struct proxy_hdr *hdr);

/* An address block: "10.0.0.0/8", "::1/128", or a single address. */
struct proxy_cidr {
	int		 family;	/* AF_INET or AF_INET6 */
	uint8_t		 addr[16];	/* network byte order, host bits zero */
	unsigned	 bits;
};

/* Parse one block; 0, or -1 (bad address, prefix over 32/128, host bits set). */
int	proxy_cidr_parse(const char *, struct proxy_cidr *);
/* Does sa (IPv4, IPv6 or v4-mapped IPv6) fall in any of the n blocks? */
int	proxy_cidr_match(const struct proxy_cidr *, size_t n,
	    const struct sockaddr *sa);

#endif
