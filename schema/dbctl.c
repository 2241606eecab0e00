/* dbctl.c: `survey-admin db start|stop|status`, the embedded PostgreSQL cluster: created on first
 * start (initdb) in HOME/pgdata, listening on a Unix socket in HOME/run only, logging to
 * HOME/postgres.log. As root, the server runs as the `postgres` account: the tools are run in a
 * child that drops to that account before exec (no sudo or runuser needed). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "admin.h"

#define DBCTL_PATH_MAX 4096
/* sun_path holds 108 bytes, NUL included. */
#define DBCTL_SOCKET_MAX 107
#define DBCTL_PORT "5432"
#define DBCTL_TIMEOUT "60"

struct cluster {
	const char *prog;
	char home[DBCTL_PATH_MAX];
	char pgdata[DBCTL_PATH_MAX];
	char run[DBCTL_PATH_MAX];
	char log[DBCTL_PATH_MAX];
	char initdb[DBCTL_PATH_MAX];
	char pg_ctl[DBCTL_PATH_MAX];
	int as_root;             /* the tools run as `postgres` */
	uid_t uid;               /* the account the server runs as */
	gid_t gid;
	char user[64];
};

/* Where a tool's output goes. */
enum tool_out { OUT_LOG, OUT_NULL };

static int path_join(char *buf, size_t size, const char *a, const char *b)
{
	int n = snprintf(buf, size, "%s/%s", a, b);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The version number in /usr/lib/postgresql/NN/bin/tool. */
static long glob_version(const char *path)
{
	const char *p = path + strlen("/usr/lib/postgresql/");

	return strtol(p, NULL, 10);
}

/* Finds tool on PATH, else in the highest /usr/lib/postgresql/NN/bin. 0 or -1. */
static int tool_find(const char *tool, char *out, size_t size)
{
	const char *path = getenv("PATH");
	const char *p, *colon;
	char dir[DBCTL_PATH_MAX], pattern[128];
	glob_t g;
	size_t i, best = 0;
	long v, best_v = -1;
	int found = -1;

	for (p = path ? path : ""; *p; p = *colon ? colon + 1 : colon) {
		size_t len;

		colon = strchr(p, ':');
		if (!colon)
			colon = p + strlen(p);
		len = (size_t)(colon - p);
		if (len == 0 || len >= sizeof(dir))
			continue;
		memcpy(dir, p, len);
		dir[len] = '\0';
		if (path_join(out, size, dir, tool) == 0 && is_executable(out))
			return 0;
	}
	snprintf(pattern, sizeof(pattern), "/usr/lib/postgresql/*/bin/%s", tool);
	if (glob(pattern, 0, NULL, &g) != 0)
		return -1;
	for (i = 0; i < g.gl_pathc; i++) {
		v = glob_version(g.gl_pathv[i]);
		if (v > best_v && is_executable(g.gl_pathv[i])) {
			best_v = v;
			best = i;
			found = 0;
		}
	}
	if (found == 0 && snprintf(out, size, "%s", g.gl_pathv[best]) >= (int)size)
		found = -1;
	globfree(&g);
	return found;
}

static void report_dir(const struct cluster *c, const char *dir, int err)
{
	msg_print(stderr, c->prog, MSG_DB_HOME_CREATE, dir, strerror(err));
}

/* Creates every missing directory of path with mode (parents with 0755). 0 or -1 (errno). */
static int mkdir_p(const char *path, mode_t mode)
{
	char buf[DBCTL_PATH_MAX];
	size_t i, n = strlen(path);
	struct stat st;

	if (n == 0 || n >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (stat(buf, &st) != 0) {
			if (mkdir(buf, i == n ? mode : 0755) != 0 && errno != EEXIST)
				return -1;
		} else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
		if (i < n)
			buf[i] = '/';
	}
	return 0;
}

/* Makes sure dir exists with mode and, as root, belongs to the server's account. */
static int dir_prepare(const struct cluster *c, const char *dir, mode_t mode)
{
	struct stat st;

	if (stat(dir, &st) != 0) {
		if (mkdir_p(dir, mode) != 0 || stat(dir, &st) != 0) {
			report_dir(c, dir, errno);
			return -1;
		}
		if (chmod(dir, mode) != 0) {
			report_dir(c, dir, errno);
			return -1;
		}
	}
	if (c->as_root && st.st_uid != c->uid && chown(dir, c->uid, c->gid) != 0) {
		report_dir(c, dir, errno);
		return -1;
	}
	return 0;
}

static int cluster_setup(struct cluster *c, const char *prog)
{
	struct passwd *pw;
	char *home;
	size_t n;

	memset(c, 0, sizeof(*c));
	c->prog = prog;
	home = db_embedded_home();
	if (!home || snprintf(c->home, sizeof(c->home), "%s", home) >= (int)sizeof(c->home)) {
		free(home);
		return -1;
	}
	free(home);
	n = strlen(c->home);
	while (n > 1 && c->home[n - 1] == '/')
		c->home[--n] = '\0';
	if (path_join(c->pgdata, sizeof(c->pgdata), c->home, "pgdata") < 0 ||
	    path_join(c->run, sizeof(c->run), c->home, "run") < 0 ||
	    path_join(c->log, sizeof(c->log), c->home, "postgres.log") < 0)
		return -1;
	if (c->home[0] != '/') {
		msg_print(stderr, prog, MSG_DB_HOME_RELATIVE, c->home);
		return -1;
	}
	if (strlen(c->run) + strlen("/.s.PGSQL." DBCTL_PORT) > DBCTL_SOCKET_MAX) {
		msg_print(stderr, prog, MSG_DB_HOME_TOO_LONG, c->run);
		return -1;
	}
	c->as_root = geteuid() == 0;
	if (c->as_root) {
		if (strcmp(c->home, "/root") == 0 || strncmp(c->home, "/root/", 6) == 0) {
			msg_print(stderr, prog, MSG_DB_HOME_UNDER_ROOT, c->home);
			return -1;
		}
		pw = getpwnam("postgres");
		if (!pw) {
			msg_print(stderr, prog, MSG_DB_NO_POSTGRES_USER);
			return -1;
		}
		c->uid = pw->pw_uid;
		c->gid = pw->pw_gid;
		snprintf(c->user, sizeof(c->user), "%s", pw->pw_name);
	}
	if (tool_find("initdb", c->initdb, sizeof(c->initdb)) < 0) {
		msg_print(stderr, prog, MSG_DB_TOOL_MISSING, "initdb");
		return -1;
	}
	if (tool_find("pg_ctl", c->pg_ctl, sizeof(c->pg_ctl)) < 0) {
		msg_print(stderr, prog, MSG_DB_TOOL_MISSING, "pg_ctl");
		return -1;
	}
	return 0;
}

/* In the child: become the server's account, move into HOME, send output where asked.
 * Returns 0, or -1 after printing why (the child then exits). */
static int child_prepare(const struct cluster *c, enum tool_out out)
{
	int fd;

	if (c->as_root) {
		if (setgid(c->gid) != 0 || initgroups(c->user, c->gid) != 0 || setuid(c->uid) != 0) {
			fprintf(stderr, "%s: setuid(%s): %s\n", c->prog, c->user, strerror(errno));
			return -1;
		}
	}
	if (chdir(c->home) != 0) {
		if (c->as_root)
			msg_print(stderr, c->prog, MSG_DB_HOME_ACCESS, c->home, strerror(errno));
		else
			report_dir(c, c->home, errno);
		return -1;
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	if (out == OUT_LOG)
		fd = open(c->log, O_WRONLY | O_APPEND | O_CREAT, 0600);
	else
		fd = open("/dev/null", O_WRONLY);
	if (fd < 0) {
		msg_print(stderr, c->prog, MSG_DB_HOME_ACCESS, c->log, strerror(errno));
		return -1;
	}
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
	/* The server's port and socket come from its configuration, not from our environment. */
	unsetenv("PGPORT");
	unsetenv("PGHOST");
	unsetenv("PGDATA");
	unsetenv("PGOPTIONS");
	return 0;
}

/* Runs argv[0] with argv as the server's account. Returns its exit status, or -1 when it
 * could not run (printed) or was killed. */
static int tool_run(const struct cluster *c, char *const argv[], enum tool_out out)
{
	pid_t pid, w;
	int st;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "%s: fork: %s\n", c->prog, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (child_prepare(c, out) == 0)
			execv(argv[0], argv);
		_exit(126);
	}
	do
		w = waitpid(pid, &st, 0);
	while (w < 0 && errno == EINTR);
	if (w < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* 0 running, 3 not running, 4 no cluster (pg_ctl status), -1 could not tell. */
static int cluster_state(const struct cluster *c)
{
	char version[DBCTL_PATH_MAX];
	char *argv[] = { (char *)c->pg_ctl, "-D", (char *)c->pgdata, "status", NULL };
	struct stat st;

	if (path_join(version, sizeof(version), c->pgdata, "PG_VERSION") < 0)
		return -1;
	if (stat(version, &st) != 0)
		return 4;
	return tool_run(c, argv, OUT_NULL);
}

/* Writes s into fp with single quotes and backslashes doubled (postgresql.conf quoting). */
static void conf_quote(FILE *fp, const char *s)
{
	fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			fputc(*s, fp);
		fputc(*s, fp);
	}
	fputc('\'', fp);
}

static int conf_write(const struct cluster *c)
{
	char conf[DBCTL_PATH_MAX];
	FILE *fp;
	int ret = 0;

	if (path_join(conf, sizeof(conf), c->pgdata, "postgresql.conf") < 0)
		return -1;
	fp = fopen(conf, "a");
	if (!fp) {
		report_dir(c, conf, errno);
		return -1;
	}
	fputs("\n# Baromètre usagers: the embedded cluster, reachable on its Unix socket only.\n"
	      "listen_addresses = ''\n"
	      "port = " DBCTL_PORT "\n"
	      "unix_socket_directories = ", fp);
	conf_quote(fp, c->run);
	/* As root, the group of the postgres account may connect; else only the owner. */
	fprintf(fp, "\nunix_socket_permissions = %s\n", c->as_root ? "0770" : "0700");
	fputs("fsync = on\n"
	      "synchronous_commit = on\n"
	      "full_page_writes = on\n", fp);
	if (ferror(fp))
		ret = -1;
	if (fclose(fp) != 0)
		ret = -1;
	if (ret < 0)
		report_dir(c, conf, errno);
	return ret;
}

/* "C.UTF-8" when the system has it, else "C". */
static const char *initdb_locale(void)
{
	locale_t l = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);

	if (l == (locale_t)0)
		return "C";
	freelocale(l);
	return "C.UTF-8";
}

static int cluster_create(const struct cluster *c)
{
	char locale[64];
	char *argv[] = { (char *)c->initdb, "-D", (char *)c->pgdata, "-U", "barometre", "-E", "UTF8",
	                 locale, "--auth=trust", "--no-instructions", NULL };
	int rc;

	snprintf(locale, sizeof(locale), "--locale=%s", initdb_locale());
	if (dir_prepare(c, c->pgdata, 0700) < 0)
		return -1;
	rc = tool_run(c, argv, OUT_LOG);
	if (rc != 0) {
		if (rc > 0 && rc != 126)
			msg_print(stderr, c->prog, MSG_DB_CMD_FAILED, "initdb", c->log);
		return -1;
	}
	if (conf_write(c) < 0)
		return -1;
	msg_print(stdout, c->prog, MSG_DB_CREATED, c->home);
	return 0;
}

/* Creates the database barometre when it is missing. */
static int database_create(const struct cluster *c)
{
	const char *keys[] = { "host", "port", "dbname", "user", "fallback_application_name", NULL };
	const char *vals[] = { c->run, DBCTL_PORT, "postgres", "barometre", c->prog, NULL };
	PGconn *conn;
	PGresult *r = NULL;
	int ret = -1;

	conn = PQconnectdbParams(keys, vals, 0);
	if (PQstatus(conn) != CONNECTION_OK) {
		db_report(conn, NULL, c->prog, NULL);
		goto out;
	}
	r = db_query(conn, c->prog, PGRES_TUPLES_OK,
	             "SELECT 1 FROM pg_database WHERE datname = 'barometre'", 0, NULL);
	if (!r)
		goto out;
	if (PQntuples(r) == 0 && db_exec(conn, c->prog, "CREATE DATABASE barometre", 0, NULL) < 0)
		goto out;
	ret = 0;
out:
	PQclear(r);
	PQfinish(conn);
	return ret;
}

static int log_prepare(const struct cluster *c)
{
	int fd = open(c->log, O_WRONLY | O_APPEND | O_CREAT, 0600);

	if (fd < 0) {
		report_dir(c, c->log, errno);
		return -1;
	}
	if (c->as_root && fchown(fd, c->uid, c->gid) != 0) {
		report_dir(c, c->log, errno);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int db_start(const struct cluster *c)
{
	char *argv[] = { (char *)c->pg_ctl, "-D", (char *)c->pgdata, "-l", (char *)c->log, "-w",
	                 "-t", DBCTL_TIMEOUT, "-s", "start", NULL };
	int state, rc;

	if (mkdir_p(c->home, c->as_root ? 0755 : 0700) != 0) {
		report_dir(c, c->home, errno);
		return EXIT_DB;
	}
	if (dir_prepare(c, c->run, c->as_root ? 0755 : 0700) < 0 || log_prepare(c) < 0)
		return EXIT_DB;
	state = cluster_state(c);
	if (state == 4) {
		if (cluster_create(c) < 0)
			return EXIT_DB;
		state = 3;
	}
	if (state == 0) {
		msg_print(stdout, c->prog, MSG_DB_ALREADY_RUNNING, c->pgdata);
	} else {
		rc = tool_run(c, argv, OUT_LOG);
		if (rc != 0) {
			if (rc != 126)
				msg_print(stderr, c->prog, MSG_DB_CMD_FAILED, "pg_ctl start", c->log);
			return EXIT_DB;
		}
	}
	if (database_create(c) < 0)
		return EXIT_DB;
	if (state != 0)
		msg_print(stdout, c->prog, MSG_DB_STARTED, c->pgdata);
	return EXIT_DONE;
}

static int db_stop(const struct cluster *c)
{
	char *argv[] = { (char *)c->pg_ctl, "-D", (char *)c->pgdata, "-m", "fast", "-w",
	                 "-t", DBCTL_TIMEOUT, "-s", "stop", NULL };
	int state = cluster_state(c);

	if (state == 3 || state == 4) {
		msg_print(stdout, c->prog, MSG_DB_NOT_RUNNING, c->pgdata);
		return EXIT_DONE;
	}
	if (tool_run(c, argv, OUT_LOG) != 0) {
		msg_print(stderr, c->prog, MSG_DB_CMD_FAILED, "pg_ctl stop", c->log);
		return EXIT_DB;
	}
	msg_print(stdout, c->prog, MSG_DB_STOPPED);
	return EXIT_DONE;
}

static int db_status(const struct cluster *c)
{
	int state = cluster_state(c);

	if (state == 0) {
		msg_print(stdout, c->prog, MSG_DB_RUNNING, c->pgdata, c->run);
		return EXIT_DONE;
	}
	if (state == 3 || state == 4) {
		msg_print(stdout, c->prog, MSG_DB_NOT_RUNNING, c->pgdata);
		return EXIT_DB;
	}
	msg_print(stderr, c->prog, MSG_DB_CMD_FAILED, "pg_ctl status", c->log);
	return EXIT_DB;
}

int admin_db(struct admin *a)
{
	struct cluster c;
	const char *verb = a->argv[0];

	if (strcmp(verb, "start") != 0 && strcmp(verb, "stop") != 0 && strcmp(verb, "status") != 0) {
		msg_print(stderr, a->prog, MSG_ADMIN_BAD_USAGE, "usage : survey-admin db start|stop|status");
		return EXIT_USAGE;
	}
	if (cluster_setup(&c, a->prog) < 0)
		return EXIT_DB;
	if (strcmp(verb, "start") == 0)
		return db_start(&c);
	if (strcmp(verb, "stop") == 0)
		return db_stop(&c);
	return db_status(&c);
}
