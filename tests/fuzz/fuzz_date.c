/* fuzz_date.c: libFuzzer target for core/date.c: date_parse and date_parse_iso on arbitrary
 * bytes, checking that whatever is accepted is a real calendar date that round-trips. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_accepted(const struct datetime *dt)
{
	struct datetime back;
	char iso[16], fr[32];

	assert(dt->year >= 1 && dt->year <= 9999);
	assert(dt->month >= 1 && dt->month <= 12);
	assert(dt->day >= 1 && dt->day <= 31);
	assert(dt->hour >= 0 && dt->hour <= 23);
	assert(dt->min >= 0 && dt->min <= 59);
	assert(dt->sec >= 0 && dt->sec <= 59);
	assert(dt->has_time == 0 || dt->has_time == 1);
	date_iso(dt, iso, sizeof(iso));
	assert(strlen(iso) == 10);
	/* an accepted date is a real one: its ISO form parses back to the same day */
	assert(date_parse_iso(iso, &back) == 0);
	assert(date_days(&back) == date_days(dt));
	date_french(dt->year, dt->month, dt->day, fr, sizeof(fr));
	assert(strlen(fr) < sizeof(fr));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct datetime dt;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	if (date_parse(s, &dt) == 0)
		check_accepted(&dt);
	if (date_parse_iso(s, &dt) == 0)
		check_accepted(&dt);
	free(s);
	return 0;
}
