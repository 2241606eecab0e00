/* caps.c: the default caps of every reader. */
#include "caps.h"

void limits_default(struct limits *lim)
{
	lim->max_field = 1u << 20;
	lim->max_fields = 4096;
	lim->max_rows = 100000000ull;
	lim->max_file = 16ull << 30;
	lim->max_strings = 256u << 20;
}
