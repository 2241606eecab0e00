/* collect.c: what the three collectors share (see collect.h): the command line, the per-file
 * import protocol, validation of cells against the survey's definition, the progress bar and
 * the summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "collect.h"
#include "db.h"
#include "text.h"

/* ---- rows ---- */

static void progress(struct import *imp, int force_end);

int import_next(struct import *imp, const struct row **row)
{
	int r;

	if (imp->failed)
		return -1;
	r = rowstream_next(imp->rs, row, imp->diag);
	if (r == 1) {
		imp->rows_read++;
		if (imp->progress && (imp->rows_read & 4095) == 0)
			progress(imp, 0);
	}
	return r;
}

void import_skip(struct import *imp, const char *reason)
{
	size_t i;

	imp->rows_skipped++;
	for (i = 0; i < imp->nskips; i++)
		if (imp->skips[i].reason == reason || strcmp(imp->skips[i].reason, reason) == 0) {
			imp->skips[i].n++;
			return;
		}
	if (imp->nskips < sizeof(imp->skips) / sizeof(imp->skips[0])) {
		imp->skips[imp->nskips].reason = reason;
		imp->skips[imp->nskips].n = 1;
		imp->nskips++;
	}
}

/* Once a problem is found nothing more is staged: the file will be rejected whole, but every
 * row is still read and checked so that every problem is listed. */
static int staging(const struct import *imp)
{
	return !imp->failed && imp->diag->count == 0;
}

static int staged(struct import *imp, int r)
{
	if (r < 0)
		imp->failed = 1;
	return r;
}

/* Counts one response (or tally) for its site and channel, for the summary. */
static void count_place(struct import *imp, const struct place_def *site,
                        const struct place_def *channel, int tally)
{
	size_t i;

	for (i = 0; i < imp->nplaces; i++)
		if (imp->places[i].site == site && imp->places[i].channel == channel)
			break;
	if (i == imp->nplaces) {
		if (i == sizeof(imp->places) / sizeof(imp->places[0]))
			return;
		imp->places[i].site = site;
		imp->places[i].channel = channel;
		imp->nplaces++;
	}
	if (tally)
		imp->places[i].tallies++;
	else
		imp->places[i].responses++;
}

/* Adds n forms to q's count, for the summary of a tally sheet. */
static void count_forms(struct import *imp, const struct question_def *q, long n)
{
	size_t i;

	for (i = 0; i < imp->nqforms && imp->qforms[i].q != q; i++)
		;
	if (i == imp->nqforms) {
		if (i == sizeof(imp->qforms) / sizeof(imp->qforms[0]))
			return;
		imp->qforms[i].q = q;
		imp->nqforms++;
	}
	imp->qforms[i].forms += n > 0 ? (uint64_t)n : 0;
}

long import_response(struct import *imp, const struct place_def *site,
                     const struct place_def *channel, const char *journey,
                     const struct datetime *date, const char *respondent, const char *source_id)
{
	char iso[16];
	long rownum = ++imp->next_rownum;

	if (!channel)
		channel = imp->channel;
	if (!site)
		site = imp->site;
	if (date)
		date_iso(date, iso, sizeof(iso));
	else
		imp->undated++;
	count_place(imp, site, channel, 0);
	if (staging(imp) &&
	    staged(imp, batch_response(imp->batch, rownum, site ? site->id : 0,
	                               channel ? channel->id : 0,
	                               journey && *journey ? journey : NULL, date ? iso : NULL,
	                               respondent, source_id)) < 0)
		return -1;
	return rownum;
}

int import_option(struct import *imp, long rownum, const struct question_def *q,
                  const struct option_def *opt)
{
	if (!staging(imp))
		return 0;
	return staged(imp, batch_answer(imp->batch, rownum, q->id, opt->code));
}

static int is_no_answer(const char *text)
{
	while (*text == ' ')
		text++;
	return *text == '\0' || strcmp(text, "N/A") == 0;
}

int import_answer(struct import *imp, long rownum, const struct question_def *q,
                  const char *text, long line, long col)
{
	const struct option_def *opt;
	const char *mapped;

	if (is_no_answer(text))
		return 0;
	mapped = map_value(imp->map, q->code, text);
	opt = question_option(q, mapped ? mapped : text);
	if (!opt) {
		char *accepted = question_accepted(q);

		diag_at(imp->diag, line, col, MSG_UNKNOWN_ANSWER, text, q->code,
		        accepted ? accepted : "");
		free(accepted);
		return -1;
	}
	return import_option(imp, rownum, q, opt);
}

int import_comment(struct import *imp, long rownum, const struct question_def *q,
                   const char *text)
{
	if (is_no_answer(text) || !staging(imp))
		return 0;
	return staged(imp, batch_comment(imp->batch, rownum, q->id, text));
}

int import_tally(struct import *imp, long line, const struct place_def *site,
                 const struct place_def *channel, const struct datetime *from,
                 const struct datetime *to, const struct question_def *q,
                 const struct option_def *opt, long n)
{
	char a[16], b[16];

	imp->tallies++;
	count_place(imp, site ? site : imp->site, channel ? channel : imp->channel, 1);
	count_forms(imp, q, n);
	if (!staging(imp))
		return 0;
	date_iso(from, a, sizeof(a));
	date_iso(to, b, sizeof(b));
	return staged(imp, batch_tally(imp->batch, line, site ? site->id : 0,
	                               channel ? channel->id : 0, a, b, q->id, opt->code, n));
}

int import_date(struct import *imp, const char *text, long line, long col, struct datetime *out)
{
	if ((rowstream_date1904(imp->rs) ? date_parse_1904(text, out) : date_parse(text, out)) == 0)
		return 0;
	diag_at(imp->diag, line, col, MSG_BAD_DATE, text);
	return -1;
}

int import_in_period(const struct import *imp, const struct datetime *dt)
{
	long days = date_days(dt);

	return days >= imp->survey->start_days && days <= imp->survey->end_days;
}

const struct place_def *import_site(struct import *imp, const char *text, long line, long col)
{
	const struct place_def *p = survey_site(imp->survey, text);

	if (!p) {
		char *list = survey_site_list(imp->survey);

		diag_at(imp->diag, line, col, MSG_UNKNOWN_SITE, text, list ? list : "");
		free(list);
	}
	return p;
}

const struct place_def *import_channel(struct import *imp, const char *text, long line, long col)
{
	const struct place_def *p = survey_channel(imp->survey, text);

	if (!p) {
		char *list = survey_channel_list(imp->survey);

		diag_at(imp->diag, line, col, MSG_UNKNOWN_CHANNEL, text, list ? list : "");
		free(list);
	}
	return p;
}

const struct question_def *import_question(struct import *imp, const char *text)
{
	const char *mapped = map_column(imp->map, text);

	return survey_question(imp->survey, mapped ? mapped : text);
}

void import_hash(const struct import *imp, const char *key, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	out[0] = '\0';
	if (!ctx)
		return;
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, imp->survey->salt, strlen(imp->survey->salt));
	EVP_DigestUpdate(ctx, ":", 1);
	EVP_DigestUpdate(ctx, key, strlen(key));
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* ---- the command line ---- */

static char *format_list(const struct adapter *const *adapters)
{
	size_t i, n = 0;
	char *s;

	for (i = 0; adapters[i]; i++)
		n += strlen(adapters[i]->name) + 2;
	s = calloc(n + 1, 1);
	for (i = 0; s && adapters[i]; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, adapters[i]->name);
	}
	return s;
}

static const struct adapter *find_adapter(const struct adapter *const *adapters, const char *name)
{
	size_t i;

	for (i = 0; adapters[i]; i++)
		if (strcmp(adapters[i]->name, name) == 0)
			return adapters[i];
	return NULL;
}

/* The rows read first to detect the format are handed back to the adapter: the stream is
 * simply opened again (opening is cheap next to a whole import, and keeps one code path). */
const struct adapter *collect_detect(const char *file, const struct adapter *const *adapters,
                                     int *score)
{
	struct rowstream_opts ro;
	struct rowstream *rs;
	const struct row *row;
	struct diag d;
	const struct adapter *best = NULL;
	int best_score = 0, i;
	FILE *devnull = fopen("/dev/null", "w");

	rowstream_opts_default(&ro);
	diag_init(&d, file, devnull ? devnull : stderr);
	if (rowstream_open(&rs, file, &ro, &d) < 0)
		goto out;
	if (rowstream_next(rs, &row, &d) == 1)
		for (i = 0; adapters[i]; i++) {
			int sc = adapters[i]->detect
			             ? adapters[i]->detect(row, rowstream_container(rs)) : 0;

			if (sc > best_score) {
				best_score = sc;
				best = adapters[i];
			}
		}
	rowstream_free(rs);
out:
	if (devnull)
		fclose(devnull);
	*score = best_score;
	return best;
}

/* Another collector's format that recognises file, when this one's do not: reported (the
 * program and format that read it) and 1, else 0. */
static int wrong_collector(struct diag *d, const char *prog, const char *file,
                           const struct collector *all)
{
	const struct adapter *a, *best = NULL;
	const char *best_prog = NULL;
	int score, best_score = 0;
	size_t i;

	for (i = 0; all && all[i].prog; i++) {
		if (strcmp(all[i].prog, prog) == 0)
			continue;
		a = collect_detect(file, all[i].adapters, &score);
		if (a && score > best_score) {
			best = a;
			best_score = score;
			best_prog = all[i].prog;
		}
	}
	if (!best)
		return 0;
	diag_file(d, MSG_FORMAT_OTHER_PROGRAM, best->label, best_prog, prog, best_prog,
	          best->name);
	return 1;
}

static void progress(struct import *imp, int force_end)
{
	uint64_t total = rowstream_total(imp->rs), done = rowstream_done(imp->rs);
	int pct = total ? (int)(done * 100 / total) : 100;

	if (force_end) {
		fprintf(stderr, "\r%*s\r", 60, "");
		return;
	}
	if (pct > 100)
		pct = 100;
	if (pct == imp->progress_shown)
		return;
	imp->progress_shown = pct;
	fprintf(stderr, "\r%s : %s %3d %%", imp->file, msg_text(MSG_PROGRESS), pct);
}

/* The adapter runs through import_next(); a progress bar is drawn when stderr is a terminal. */
static int run_adapter(struct import *imp, int show_progress)
{
	int r;

	if (!show_progress)
		return imp->adapter->run(imp);
	imp->progress = 1;
	imp->progress_shown = -1;
	progress(imp, 0);
	r = imp->adapter->run(imp);
	progress(imp, 1);
	return r;
}

/* One line per reason rows were set aside, on out, after indent. */
static void print_skips(const struct import *imp, FILE *out, const char *indent)
{
	char *s;
	size_t i;

	for (i = 0; i < imp->nskips; i++) {
		char *e;

		s = msg_format(MSG_SUMMARY_SKIPPED, (unsigned long long)imp->skips[i].n,
		               imp->skips[i].reason);
		e = msg_escape(s ? s : "");
		fprintf(out, "%s%s\n", indent, e ? e : "?");
		free(e);
		free(s);
	}
}

/* "par site et canal : HDV / guichet 41 réponse(s), …" (lines read, before de-duplication). */
static void print_places(const struct import *imp)
{
	char line[1024];
	size_t i, len = 0;
	int n;

	if (imp->nplaces == 0)
		return;
	for (i = 0; i < imp->nplaces && len < sizeof(line) - 1; i++) {
		const char *site = imp->places[i].site ? imp->places[i].site->code
		                                        : msg_text(MSG_SUMMARY_DEFAULT_SITE);
		const char *chan = imp->places[i].channel ? imp->places[i].channel->code : "-";
		char *item = imp->places[i].tallies
		                 ? msg_format(MSG_SUMMARY_PLACE_TALLIES, site, chan,
		                              (unsigned long long)imp->places[i].tallies)
		                 : msg_format(MSG_SUMMARY_PLACE, site, chan,
		                              (unsigned long long)imp->places[i].responses);

		n = snprintf(line + len, sizeof(line) - len, "%s%s", i ? ", " : "", item ? item : "");
		free(item);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	line[sizeof(line) - 1] = '\0';
	printf("%s %s.\n", msg_text(MSG_SUMMARY_PLACES), line);
}

/* A tally sheet's summary: tallies, forms counted per question, by site and channel; no
 * responses or comments, which a tally sheet never has. */
static void print_tally_summary(const struct import *imp, const struct batch_result *res)
{
	char line[2048];
	size_t i, len = 0;
	char *s;

	if (imp->opts->dry_run)
		s = msg_format(MSG_SUMMARY_TALLY_DRY, (unsigned long long)imp->rows_read,
		               (unsigned long long)res->tallies);
	else
		s = msg_format(MSG_SUMMARY_TALLY, res->batch_id, (unsigned long long)imp->rows_read,
		               (unsigned long long)res->tallies);
	printf("%s\n", s ? s : "");
	free(s);
	line[0] = '\0';
	for (i = 0; i < imp->nqforms && len < sizeof(line) - 1; i++) {
		int n = snprintf(line + len, sizeof(line) - len, "%s%s %llu", i ? ", " : "",
		                 imp->qforms[i].q->code, (unsigned long long)imp->qforms[i].forms);

		if (n < 0)
			break;
		len += (size_t)n;
	}
	line[sizeof(line) - 1] = '\0';
	s = msg_format(MSG_SUMMARY_FORMS, line);
	printf("%s\n", s ? s : "");
	free(s);
	print_places(imp);
	print_skips(imp, stdout, "");
}

/* The same summary for a real run and a dry run. */
static void print_summary(const struct import *imp, const struct batch_result *res)
{
	char *s;

	s = msg_format(MSG_SUMMARY_HEAD, imp->file, imp->adapter->label,
	               rowstream_encoding(imp->rs), rowstream_delimiter_name(imp->rs));
	msg_say(stdout, NULL, s);
	free(s);
	if (res->already_batch) {
		s = msg_format(MSG_BATCH_ALREADY, res->already_batch, res->already_at,
		               res->already_batch);
		msg_say(stdout, NULL, s);
		free(s);
		return;
	}
	if (imp->tallies && !imp->next_rownum) {
		print_tally_summary(imp, res);
		return;
	}
	if (imp->opts->dry_run)
		s = msg_format(MSG_SUMMARY_DRY, (unsigned long long)imp->rows_read,
		               (unsigned long long)res->responses,
		               (unsigned long long)res->responses_already,
		               (unsigned long long)res->answers, (unsigned long long)res->comments,
		               (unsigned long long)res->tallies);
	else
		s = msg_format(MSG_SUMMARY_LOT, res->batch_id, (unsigned long long)imp->rows_read,
		               (unsigned long long)res->responses,
		               (unsigned long long)res->responses_already,
		               (unsigned long long)res->answers, (unsigned long long)res->comments,
		               (unsigned long long)res->tallies);
	msg_say(stdout, NULL, s);
	free(s);
	if (imp->undated) {
		s = msg_format(MSG_SUMMARY_UNDATED, (unsigned long long)imp->undated);
		msg_say(stdout, NULL, s);
		free(s);
	}
	print_places(imp);
	print_skips(imp, stdout, "");
}

/* Rows were read and every one was set aside: nothing would be imported, which is never what
 * the person importing meant. Says why and what to do, on stderr. */
static void report_nothing(const struct import *imp)
{
	const struct survey_def *sv = imp->survey;
	struct datetime a, b;
	char from[32] = "", to[32] = "";

	if (date_parse_iso(sv->start, &a) == 0)
		date_french(a.year, a.month, a.day, from, sizeof(from));
	if (date_parse_iso(sv->end, &b) == 0)
		date_french(b.year, b.month, b.day, to, sizeof(to));
	diag_file(imp->diag, MSG_BATCH_NOTHING, (unsigned long long)imp->rows_skipped);
	print_skips(imp, stderr, "  ");
	diag_file(imp->diag, MSG_BATCH_NOTHING_TODO, sv->code, from, to);
}

static int import_file(PGconn *conn, const char *prog, const char *file,
                       const struct collect_opts *opts, const struct adapter *const *adapters,
                       const struct collector *all,
                       const struct survey_def *survey, const struct map *map,
                       const struct place_def *site, const struct place_def *channel)
{
	struct rowstream_opts ro;
	struct import imp;
	struct diag d;
	struct batch_result res;
	struct batch_info info;
	const struct adapter *adapter = NULL;
	int ret = EXIT_REJECTED, r;

	memset(&imp, 0, sizeof(imp));
	memset(&res, 0, sizeof(res));
	rowstream_opts_default(&ro);
	diag_init(&d, file, stderr);
	if (strcmp(opts->format, "auto") == 0) {
		int score;

		adapter = collect_detect(file, adapters, &score);
		if (!adapter) {
			char *list = format_list(adapters);

			/* open and read once more to report a problem of the file itself (an
			 * encoding error in the first chunk), if that is why */
			if (rowstream_open(&imp.rs, file, &ro, &d) == 0) {
				const struct row *first;

				if (rowstream_next(imp.rs, &first, &d) >= 0 &&
				    !wrong_collector(&d, prog, file, all))
					diag_file(&d, MSG_FORMAT_UNDETECTED, list ? list : "");
			}
			free(list);
			goto out;
		}
		if (!opts->quiet) {
			char *s = msg_format(MSG_FORMAT_CHOSEN, adapter->label);

			msg_say(stdout, file, s);
			free(s);
		}
	} else {
		adapter = find_adapter(adapters, opts->format);
	}
	ro.no_header = adapter->no_header;
	if (rowstream_open(&imp.rs, file, &ro, &d) < 0)
		goto out;
	r = batch_find(conn, prog, survey->org_id, survey->survey_id, rowstream_sha256(imp.rs), &res);
	if (r < 0) {
		ret = EXIT_DB;
		goto out;
	}
	if (r == 1) {
		char *s = msg_format(MSG_BATCH_ALREADY, res.already_batch, res.already_at,
		                     res.already_batch);

		msg_say(stdout, file, s);
		free(s);
		ret = EXIT_DONE;
		goto out;
	}
	imp.prog = prog;
	imp.file = file;
	imp.opts = opts;
	imp.adapter = adapter;
	imp.survey = survey;
	imp.map = map;
	imp.site = site;
	imp.channel = channel;
	imp.diag = &d;
	imp.batch = batch_begin(conn, prog, survey->org_id, survey->survey_id);
	if (!imp.batch) {
		ret = EXIT_DB;
		goto out;
	}
	r = run_adapter(&imp, !opts->quiet && isatty(2));
	if (imp.failed) {
		batch_abort(imp.batch);
		ret = EXIT_DB;
		goto out;
	}
	if (r < 0 || d.count > 0) {
		batch_abort(imp.batch);
		diag_finish(&d);
		diag_file(&d, MSG_BATCH_REJECTED, d.count ? d.count : 1ul);
		goto out;
	}
	if (imp.rows_skipped > 0 && imp.next_rownum == 0 && imp.tallies == 0) {
		batch_abort(imp.batch);
		report_nothing(&imp);
		goto out;
	}
	memset(&info, 0, sizeof(info));
	info.collector = prog;
	info.format = adapter->name;
	info.file_name = file;
	info.sha256 = rowstream_sha256(imp.rs);
	info.encoding = rowstream_encoding(imp.rs);
	info.delimiter = rowstream_delimiter(imp.rs);
	info.source_system = adapter->source_system;
	info.rows_read = imp.rows_read;
	info.rows_skipped = imp.rows_skipped;
	r = batch_commit(imp.batch, &info, opts->dry_run, &res);
	if (r == -2) {
		char lot[16];

		/* %s: the key can also reach msg_format_joined, which passes strings */
		snprintf(lot, sizeof(lot), "%d", res.overlap_batch);
		diag_at(&d, res.overlap_line, 0, MSG_BATCH_TALLY_OVERLAP, lot, res.overlap_at, lot);
		diag_file(&d, MSG_BATCH_REJECTED, 1ul);
		goto out;
	}
	if (r < 0) {
		ret = EXIT_DB;
		goto out;
	}
	if (!opts->quiet)
		print_summary(&imp, &res);
	ret = EXIT_DONE;
out:
	rowstream_free(imp.rs);
	return ret;
}

int collect_main(int argc, char **argv, const char *prog, const char *usage,
                 const struct adapter *const *adapters, const char *default_format,
                 const char *default_channel, const struct collector *all)
{
	static const struct option longopts[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "site", required_argument, NULL, 'S' },
		{ "channel", required_argument, NULL, 'c' },
		{ "map", required_argument, NULL, 'm' },
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "include-incomplete", no_argument, NULL, 'i' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct collect_opts opts;
	PGconn *conn = NULL;
	struct survey_def *survey = NULL;
	struct map *map = NULL;
	const struct place_def *site = NULL, *channel = NULL;
	const char *site_code, *channel_code;
	int c, i, org, status = EXIT_DONE;

	memset(&opts, 0, sizeof(opts));
	opts.format = default_format;
	while ((c = getopt_long(argc, argv, "s:f:m:nqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 's': opts.survey = optarg; break;
		case 'f': opts.format = optarg; break;
		case 'S': opts.site = optarg; break;
		case 'c': opts.channel = optarg; break;
		case 'm': opts.map_path = optarg; break;
		case 'd': opts.db = optarg; break;
		case 'o': opts.org = optarg; break;
		case 'n': opts.dry_run = 1; break;
		case 'i': opts.include_incomplete = 1; break;
		case 'q': opts.quiet = 1; break;
		case 'h': fputs(usage, stdout); return EXIT_DONE;
		case 'V': printf("%s %s\n", prog, BAROMETRE_VERSION); return EXIT_DONE;
		default: msg_print(stderr, prog, MSG_BAD_OPTION); return EXIT_USAGE;
		}
	}
	if (!opts.survey) {
		msg_print(stderr, prog, MSG_NEED_SURVEY);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		msg_print(stderr, prog, MSG_NEED_FILE);
		return EXIT_USAGE;
	}
	if (strcmp(opts.format, "auto") != 0 && !find_adapter(adapters, opts.format)) {
		char *list = format_list(adapters);

		msg_print(stderr, prog, MSG_UNKNOWN_FORMAT, opts.format, list ? list : "");
		free(list);
		return EXIT_USAGE;
	}
	if (opts.map_path) {
		map = map_load(prog, opts.map_path);
		if (!map)
			return EXIT_REJECTED;
	}
	conn = db_connect(prog, opts.db);
	if (!conn) {
		map_free(map);
		return EXIT_DB;
	}
	org = db_org(conn, prog, opts.org);
	if (org < 0 || db_use_role(conn, prog, DB_ROLE_COLLECTOR) < 0) {
		status = EXIT_DB;
		goto out;
	}
	survey = survey_def_load(conn, prog, org, opts.survey);
	if (!survey) {
		status = PQstatus(conn) == CONNECTION_OK ? EXIT_USAGE : EXIT_DB;
		goto out;
	}
	site_code = opts.site ? opts.site : map ? map->site : NULL;
	channel_code = opts.channel ? opts.channel : map && map->channel ? map->channel
	                                                                  : default_channel;
	if (site_code) {
		site = survey_place_option(prog, survey, site_code, 1);
		if (!site) {
			status = EXIT_USAGE;
			goto out;
		}
	}
	if (channel_code) {
		channel = survey_place_option(prog, survey, channel_code, 0);
		if (!channel) {
			status = EXIT_USAGE;
			goto out;
		}
	}
	for (i = optind; i < argc; i++) {
		int r = import_file(conn, prog, argv[i], &opts, adapters, all, survey, map, site,
		                    channel);

		if (r == EXIT_DB || PQstatus(conn) != CONNECTION_OK) {
			status = EXIT_DB;
			break;
		}
		if (r > status)
			status = r;
	}
out:
	survey_def_free(survey);
	map_free(map);
	PQfinish(conn);
	return status;
}
