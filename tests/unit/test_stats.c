/* test_stats.c: unit tests of reports/stats.c and reports/wstats.c against figures computed
 * with R: the Cochran–Mantel–Haenszel test and the Mantel–Haenszel difference
 * (mantelhaen.test, and Pearson's chi-square times (N - 1) / N for one stratum), the
 * Benjamini–Hochberg adjustment with ties (p.adjust), Wilson's interval (prop.test) and the
 * logit interval of a weighted rate (survey::svyciprop(method = "logit", df = Inf)). The report
 * sources are compiled in, since they are not part of libcore. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../reports/stats.c"
#include "../../reports/wstats.c"

#define CLOSE(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* The demo's overall satisfaction, 2024 -> 2025: counters, online, phone. */
static const struct stratum demo[] = {
	{ 196, 169, 203, 177 }, { 42, 35, 565, 422 }, { 29, 24, 135, 109 },
};

static void test_cmh_strata(void **state)
{
	struct strat_test t;

	(void)state;
	strat_compare(demo, 3, &t);
	CLOSE(t.diff * 100, -1.779945896756);
	CLOSE(t.p, 0.541395005399);
	assert_int_equal(t.strata, 3);
	assert_int_equal(strat_change(&t), 0);
}

static void test_cmh_one_stratum(void **state)
{
	struct strat_test t;

	(void)state;
	strat_compare(demo, 1, &t);
	CLOSE(t.diff * 100, 0.967628430683);
	CLOSE(t.p, 0.776143680367);
}

static void test_cmh_missing_stratum(void **state)
{
	const struct stratum s[] = { { 0, 0, 50, 40 }, { 100, 50, 0, 0 } };
	struct strat_test t;

	(void)state;
	strat_compare(s, 2, &t);
	assert_int_equal(t.strata, 0);
	CLOSE(t.p, 1.0);
	assert_int_equal(strat_change(&t), 0);
}

static void test_bh_ties(void **state)
{
	const double p[] = { 0.01, 0.04, 0.03, 0.04, 0.5 };
	double q[5];

	(void)state;
	bh_adjust(p, q, 5);
	CLOSE(q[0], 0.05);
	CLOSE(q[1], 0.05);
	CLOSE(q[2], 0.05);
	CLOSE(q[3], 0.05);
	CLOSE(q[4], 0.5);
}

static void test_wilson(void **state)
{
	double lo, hi;

	(void)state;
	assert_int_equal(wilson(7, 10, STATS_Z95, &lo, &hi), 0);
	CLOSE(lo, 0.396778147461145);
	CLOSE(hi, 0.892208732593699);
}

static void test_logit_interval(void **state)
{
	struct wagg a = { 10, 12, 9.5, 17, 14.75, 10 };
	struct west e;

	(void)state;
	west_compute(&a, &e);
	CLOSE(e.p, 0.791666666666666);
	CLOSE(e.lo, 0.460156363013043);
	CLOSE(e.hi, 0.94426062047419);
	CLOSE(e.neff, 8.47058823529412);
	assert_false(e.shown);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmh_strata),
		cmocka_unit_test(test_cmh_one_stratum),
		cmocka_unit_test(test_cmh_missing_stratum),
		cmocka_unit_test(test_bh_ties),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_logit_interval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
