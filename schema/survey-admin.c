/* survey-admin.c: the administration program: the embedded database, the schema, survey
 * definitions and the import log. One table maps each command to the function that runs it
 * (as git.c does); the options are the same wherever they stand on the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

struct command {
	const char *name;
	int (*run)(struct admin *a);
	int min_args, max_args;    /* positional arguments after the command name */
	int takes_survey;          /* accepts --survey */
	const char *synopsis;      /* for usage errors */
};

static const struct command commands[] = {
	{ "db",      admin_db,      1, 1, 0, "usage : survey-admin db start|stop|status" },
	{ "init",    admin_init,    0, 0, 0, "usage : survey-admin init" },
	{ "define",  admin_define,  1, 1, 0, "usage : survey-admin define FICHIER" },
	{ "status",  admin_status,  0, 0, 1, "usage : survey-admin status [--survey CODE]" },
	{ "batches", admin_batches, 0, 0, 1, "usage : survey-admin batches [--survey CODE]" },
	{ "undo",    admin_undo,    1, 1, 0, "usage : survey-admin undo LOT" },
	{ "draft",   admin_draft,   1, 1, 1,
	  "usage : survey-admin draft EXPORT [--survey CODE] -o FICHIER" },
};

#define ADMIN_MAX_ARGS 16

int admin_keyed_error(const PGresult *res)
{
	const char *primary;

	if (!res || PQresultStatus(res) != PGRES_FATAL_ERROR)
		return 0;
	primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	return primary && msg_by_key(primary) != MSG__COUNT;
}

int admin_open(struct admin *a, PGconn **conn, int *org)
{
	*conn = db_connect(a->prog, a->conninfo);
	if (!*conn)
		return EXIT_DB;
	*org = db_org(*conn, a->prog, a->org);
	if (*org < 0) {
		PQfinish(*conn);
		*conn = NULL;
		return EXIT_DB;
	}
	return EXIT_DONE;
}

static int usage_error(const char *prog, const char *what)
{
	msg_print(stderr, prog, MSG_ADMIN_BAD_USAGE, what);
	return EXIT_USAGE;
}

static int option_missing(const char *prog, const char *option, const char *what)
{
	msg_print(stderr, prog, MSG_ADMIN_OPTION_VALUE, option, what);
	return EXIT_USAGE;
}

/* Takes the value of option `name` at argv[*i] ("--name VALUE" or "--name=VALUE").
 * Returns 1 when argv[*i] is that option (value set, or NULL when missing), else 0. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	*value = *i + 1 < argc ? argv[++*i] : NULL;
	return 1;
}

int main(int argc, char **argv)
{
	struct admin a;
	char *pos[ADMIN_MAX_ARGS];
	const struct command *cmd = NULL;
	const char *v;
	int npos = 0, i, only_args = 0;
	size_t k;

	memset(&a, 0, sizeof(a));
	a.prog = "survey-admin";
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (only_args || arg[0] != '-' || arg[1] == '\0') {
			if (npos == ADMIN_MAX_ARGS) {
				msg_print(stderr, a.prog, MSG_ADMIN_TOO_MANY_ARGS);
				return EXIT_USAGE;
			}
			pos[npos++] = argv[i];
		} else if (strcmp(arg, "--") == 0) {
			only_args = 1;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(msg_text(MSG_ADMIN_USAGE), stdout);
			return EXIT_DONE;
		} else if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
			printf("survey-admin %s\n", BAROMETRE_VERSION);
			return EXIT_DONE;
		} else if (option_value(argc, argv, &i, "--db", &v)) {
			if (!v)
				return option_missing(a.prog, "--db", "CONNEXION");
			a.conninfo = v;
		} else if (option_value(argc, argv, &i, "--org", &v)) {
			if (!v || !*v)
				return option_missing(a.prog, "--org", "CODE");
			a.org = v;
		} else if (option_value(argc, argv, &i, "-o", &v) ||
		           option_value(argc, argv, &i, "--output", &v)) {
			if (!v || !*v)
				return option_missing(a.prog, "-o", "FICHIER");
			a.output = v;
		} else if (option_value(argc, argv, &i, "--survey", &v)) {
			if (!v || !*v)
				return option_missing(a.prog, "--survey", "CODE");
			a.survey = v;
		} else {
			msg_print(stderr, a.prog, MSG_ADMIN_BAD_OPTION, arg);
			return EXIT_USAGE;
		}
	}
	if (npos == 0) {
		msg_print(stderr, a.prog, MSG_ADMIN_NO_COMMAND);
		return EXIT_USAGE;
	}
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (strcmp(commands[k].name, pos[0]) == 0)
			cmd = &commands[k];
	if (!cmd) {
		msg_print(stderr, a.prog, MSG_ADMIN_UNKNOWN_CMD, pos[0]);
		return EXIT_USAGE;
	}
	if (npos - 1 < cmd->min_args || npos - 1 > cmd->max_args)
		return usage_error(a.prog, cmd->synopsis);
	if (a.survey && !cmd->takes_survey)
		return usage_error(a.prog, cmd->synopsis);
	a.argc = npos - 1;
	a.argv = pos + 1;
	return cmd->run(&a);
}
