/*
 * addr: data-connection address codecs, IPv4 and IPv6 (RFC 959 PORT/PASV,
 * RFC 2428 EPRT/EPSV).  Parsers are strict: no port 0, no octet over
 * 255, no trailing junk, no leading '+' or '-'.  All return 0 or -1.
 */
#ifndef ADDR_H
#define ADDR_H

#include <sys/socket.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* "h1,h2,h3,h4,p1,p2" (the PORT argument and the 227 tuple). */
int	addr_format_tuple(char *out, size_t, const struct sockaddr_in *);
int	addr_parse_port(const char *arg, struct sockaddr_in *out);
/* Find the tuple in a 227 reply text, whatever surrounds it. */
int	addr_parse_pasv_reply(const char *text, struct sockaddr_in *out);

/* "|1|a.b.c.d|port|" or "|2|v6addr|port|" (any delimiter 33..126 on input). */
int	addr_format_eprt(char *out, size_t, const struct sockaddr *);
int	addr_parse_eprt(const char *arg, struct sockaddr_storage *out);
/* The port of "(|||port|)" in a 229 reply text. */
int	addr_parse_epsv_reply(const char *text, uint16_t *port);

/* Printable address without port ("::1", "127.0.0.1"); v4-mapped shown as v4. */
int	addr_ntop(const struct sockaddr *, char *out, size_t);
/* Same host?  (v4-mapped IPv6 equals its IPv4.)  Ports are ignored. */
int	addr_same_host(const struct sockaddr *, const struct sockaddr *);
uint16_t addr_port(const struct sockaddr *);
void	addr_set_port(struct sockaddr *, uint16_t);
socklen_t addr_len(const struct sockaddr *);

#endif
