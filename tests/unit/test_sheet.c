/* test_sheet.c: the layout of the printed questionnaire (core/sheet.c): every box inside the
 * printable area, clear of the corner marks, the page code and every other box; the same
 * definition always gives the same layout and fingerprint, a changed option another; a survey too
 * long for two pages is refused; the page code's text reads back and anything else is rejected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sheet.h"

static struct option_def scale[] = {
	{ "1", "Très satisfait", NULL, 1, 1 }, { "2", "Plutôt satisfait", NULL, 1, 1 },
	{ "3", "Plutôt pas satisfait", NULL, 0, 1 }, { "4", "Pas du tout satisfait", NULL, 0, 1 },
	{ "9", "Sans avis", NULL, 0, 0 },
};
static struct option_def yesno[] = { { "1", "Oui", NULL, 1, 1 }, { "2", "Non", NULL, 0, 1 } };

/* A survey of n questions: scale questions, a yes/no one, a free-text one at the end. */
static void make_survey(struct survey_def *s, struct question_def *qs, size_t n)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	memset(qs, 0, n * sizeof(*qs));
	for (i = 0; i < n; i++) {
		qs[i].id = (int)i + 1;
		qs[i].code = "Q";
		qs[i].wording = "Globalement, êtes-vous satisfait(e) de l'accueil que vous avez reçu ?";
		qs[i].qtype = i + 1 == n ? "text" : i % 3 == 2 ? "yesno" : "scale4";
		qs[i].opts = i % 3 == 2 ? yesno : scale;
		qs[i].nopts = i + 1 == n ? 0 : i % 3 == 2 ? 2 : 5;
	}
	s->code = "flash-2025";
	s->qs = qs;
	s->nq = n;
}

static int overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw,
                   double bh)
{
	return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static void test_boxes_in_place(void **state)
{
	struct question_def qs[8];
	struct survey_def s;
	struct sheet_layout l;
	double qx, qy, mx, my;
	size_t i, j;
	int m;

	(void)state;
	make_survey(&s, qs, 8);
	assert_int_equal(sheet_layout_init(&l, &s), 0);
	assert_true(l.npages >= 1 && l.npages <= SHEET_MAX_PAGES);
	assert_int_equal(l.nboxes, 5 * 5 + 2 * 2);
	sheet_qr_origin(&qx, &qy);
	for (i = 0; i < l.nboxes; i++) {
		const struct sheet_box *b = &l.boxes[i];

		assert_true(b->x >= SHEET_LEFT && b->x + SHEET_BOX <= SHEET_RIGHT);
		assert_true(b->y >= sheet_content_top(b->page) && b->y + SHEET_BOX <= SHEET_BOTTOM);
		assert_false(overlap(b->x - 6, b->y - 6, SHEET_BOX + 12, SHEET_BOX + 12, qx, qy,
		                     SHEET_QR, SHEET_QR));
		for (m = 0; m < 4; m++) {
			sheet_mark_centre(m, &mx, &my);
			assert_false(overlap(b->x, b->y, SHEET_BOX, SHEET_BOX, mx - 20, my - 20, 40, 40));
		}
		/* with the ring measured around each box, two boxes stay 10 points apart */
		for (j = i + 1; j < l.nboxes; j++)
			if (l.boxes[j].page == b->page)
				assert_false(overlap(b->x - 5, b->y - 5, SHEET_BOX + 10, SHEET_BOX + 10,
				                     l.boxes[j].x - 5, l.boxes[j].y - 5, SHEET_BOX + 10,
				                     SHEET_BOX + 10));
	}
	assert_true(l.items[7].zone_h > 0);
	assert_true(l.items[7].zone_y + l.items[7].zone_h <= SHEET_BOTTOM);
	sheet_release(&l);
}

static void test_same_definition_same_layout(void **state)
{
	struct question_def qs[6];
	struct survey_def s;
	struct sheet_layout a, b;
	struct option_def changed[2] = { { "1", "Oui", NULL, 1, 1 }, { "3", "Non", NULL, 0, 1 } };

	(void)state;
	make_survey(&s, qs, 6);
	assert_int_equal(sheet_layout_init(&a, &s), 0);
	assert_int_equal(sheet_layout_init(&b, &s), 0);
	assert_int_equal(a.nboxes, b.nboxes);
	assert_memory_equal(a.boxes, b.boxes, a.nboxes * sizeof(*a.boxes));
	assert_int_equal(a.fingerprint, b.fingerprint);
	sheet_release(&b);
	qs[2].opts = changed;
	assert_int_equal(sheet_layout_init(&b, &s), 0);
	assert_int_not_equal(a.fingerprint, b.fingerprint);
	sheet_release(&a);
	sheet_release(&b);
}

static void test_too_long(void **state)
{
	struct question_def qs[40];
	struct survey_def s;
	struct sheet_layout l;

	(void)state;
	make_survey(&s, qs, 40);
	assert_int_equal(sheet_layout_init(&l, &s), -1);
	assert_true(l.npages > SHEET_MAX_PAGES);
	sheet_release(&l);
}

static void test_code_round_trip(void **state)
{
	struct sheet_code c, d;
	char buf[256];

	(void)state;
	memset(&c, 0, sizeof(c));
	snprintf(c.survey, sizeof(c.survey), "grande-enquete-2023");
	snprintf(c.site, sizeof(c.site), "CCAS");
	c.page = 2;
	c.npages = 2;
	c.run = 0xABCDEF;
	c.serial = 999999;
	c.fingerprint = 0xDEADBEEF;
	sheet_code_format(&c, buf, sizeof(buf));
	assert_string_equal(buf, "B1;grande-enquete-2023;CCAS;2/2;ABCDEF;999999;DEADBEEF");
	assert_int_equal(sheet_code_parse(buf, &d), 0);
	assert_memory_equal(&c, &d, sizeof(c));
	c.site[0] = '\0';
	c.serial = 0;
	sheet_code_format(&c, buf, sizeof(buf));
	assert_int_equal(sheet_code_parse(buf, &d), 0);
	assert_string_equal(d.site, "");
	assert_int_equal(d.serial, 0);
}

static void test_code_rejects(void **state)
{
	static const char *const bad[] = {
		"", "B1", "https://example.org", "B2;flash-2025;-;1/2;000001;1;00000001",
		"B1;flash-2025;-;1/2;000001;1", "B1;flash-2025;-;1/2;000001;1;00000001;x",
		"B1;flash-2025;-;3/2;000001;1;00000001", "B1;flash-2025;-;0/2;000001;1;00000001",
		"B1;flash-2025;-;1/3;000001;1;00000001", "B1;flash-2025;-;1/2;00000G;1;00000001",
		"B1;flash-2025;-;1/2;000001;-1;00000001", "B1;flash-2025;-;1/2;000001;1;zz",
		"B1;;-;1/2;000001;1;00000001",
	};
	struct sheet_code c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(sheet_code_parse(bad[i], &c), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boxes_in_place),
		cmocka_unit_test(test_same_definition_same_layout),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_code_round_trip),
		cmocka_unit_test(test_code_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
