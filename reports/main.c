/* main.c: survey-report, the reports of the survey pipeline. One table maps each subcommand
 * (flash, brief, weight) to its function; each parses its own options (see report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drawing.h"
#include "db.h"
#include "msg.h"
#include "pdf.h"
#include "report.h"

#define PROG "survey-report"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "flash", report_flash },
	{ "brief", report_brief },
	{ "weight", report_weight },
};

/* Stand-ins until reports/brief.c and reports/weight.c are linked: their definitions replace
 * these weak ones. */
__attribute__((weak)) int report_brief(int argc, char **argv)
{
	msg_print(stderr, PROG, MSG_REP_NOT_AVAILABLE, "brief");
	return EXIT_USAGE;
}

__attribute__((weak)) int report_weight(int argc, char **argv)
{
	msg_print(stderr, PROG, MSG_REP_NOT_AVAILABLE, "weight");
	return EXIT_USAGE;
}

static void usage(FILE *out)
{
	char *s = msg_format(MSG_REP_USAGE, PROG, PROG);

	fprintf(out, "%s\n", s ? s : "");
	free(s);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PROG, BAROMETRE_VERSION);
		return EXIT_DONE;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			int rc = commands[i].run(argc - 1, argv + 1);

			drawing_shutdown();
			return rc;
		}
	}
	msg_print(stderr, PROG, MSG_REP_UNKNOWN_COMMAND, argv[1]);
	return EXIT_USAGE;
}
