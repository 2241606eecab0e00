/* key.c: the source id of a call known only by its date and the caller's number (phone.h). */
#include <stdio.h>

#include "phone.h"

void phone_call_key(const struct import *imp, const struct datetime *dt, const char *number,
                    char out[65])
{
	char key[128];
	size_t n;

	n = (size_t)snprintf(key, sizeof(key), "%04d-%02d-%02d %02d:%02d:%02d|", dt->year,
	                     dt->month, dt->day, dt->hour, dt->min, dt->sec);
	for (; *number && n + 1 < sizeof(key); number++)
		if (*number >= '0' && *number <= '9')
			key[n++] = *number;
	key[n < sizeof(key) ? n : sizeof(key) - 1] = '\0';
	import_hash(imp, key, out);
}
