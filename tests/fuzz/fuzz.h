/*
 * Shared by the libFuzzer harnesses: make every UBSan finding fatal, so a
 * smoke run in `make test` fails instead of printing and going on.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
const char *__ubsan_default_options(void);

const char *
__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}

#endif
