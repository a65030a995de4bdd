/* Fuzz target: X-Forwarded-For values (http_forwarded_for). What it takes is a
 * well-formed address that ends the value, and the buffer is never overrun. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *xff = malloc(size + 1);
	char addr[INET6_ADDRSTRLEN] = "unchanged";
	unsigned char bin[sizeof(struct in6_addr)];

	memcpy(xff, data, size);
	xff[size] = '\0';
	if (http_forwarded_for(xff, addr, sizeof(addr))) {
		if (inet_pton(AF_INET, addr, bin) != 1 && inet_pton(AF_INET6, addr, bin) != 1)
			abort();
		if (!strstr(xff, addr))
			abort();
	} else if (strcmp(addr, "unchanged")) {
		abort();
	}
	free(xff);
	return 0;
}
