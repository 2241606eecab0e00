/* open.c: what --form and the scan reader do first: connect, find the organisation, load the
 * survey and look up the site and channel given on the command line; and how they put a PDF
 * written under a temporary name into place. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "db.h"
#include "paper.h"

int paper_open(struct paper_open *po, const char *prog, const char *db, const char *org_code,
               const char *survey_code, const char *site_code, const char *channel_code)
{
	int org;

	memset(po, 0, sizeof(*po));
	po->conn = db_connect(prog, db);
	if (!po->conn)
		return EXIT_DB;
	org = db_org(po->conn, prog, org_code);
	if (org < 0 || (channel_code && db_use_role(po->conn, prog, DB_ROLE_COLLECTOR) < 0))
		goto db;
	po->s = survey_def_load(po->conn, prog, org, survey_code);
	if (!po->s) {
		if (PQstatus(po->conn) != CONNECTION_OK)
			goto db;
		paper_close(po);
		return EXIT_USAGE;
	}
	if ((site_code && !(po->site = survey_place_option(prog, po->s, site_code, 1))) ||
	    (channel_code && !(po->channel = survey_place_option(prog, po->s, channel_code, 0)))) {
		paper_close(po);
		return EXIT_USAGE;
	}
	return EXIT_DONE;
db:
	paper_close(po);
	return EXIT_DB;
}

void paper_close(struct paper_open *po)
{
	survey_def_free(po->s);
	PQfinish(po->conn);
	memset(po, 0, sizeof(*po));
}

int paper_publish(const char *tmp, const char *path)
{
	mode_t mask = umask(022);

	umask(mask);
	if (chmod(tmp, 0666 & ~mask) != 0)
		return -1;
	return rename(tmp, path);
}

