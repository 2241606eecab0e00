/* paper.h: collect-paper's adapters (tally sheets, SDAPS OMR exports), the pure parsing of a
 * tally sheet's header and rows (no database: unit tests and tests/fuzz/fuzz_tally.c use it),
 * and the blank-sheet writer behind --template. */
#ifndef COLLECTORS_PAPER_H
#define COLLECTORS_PAPER_H

#include "collect.h"

extern const struct adapter adapter_tally;
extern const struct adapter adapter_omr;

/* The columns of a tally sheet, in the order the template writes them. */
enum tally_col { TC_SITE, TC_DU, TC_AU, TC_CANAL, TC_QUESTION, TC_REPONSE, TC_NOMBRE, TC__COUNT };

/* "site", "du", ...: the header names, as the template writes them. */
extern const char *const tally_col_names[TC__COUNT];

/* Where each column is in the file: 0-based field index, or -1 when absent. */
struct tally_header {
	long col[TC__COUNT];
};

/* The cells of one tally row. Strings are borrowed from the row (valid until the next row). */
struct tally_cells {
	const char *site, *channel, *question, *answer;
	struct datetime from, to;
	int dates_ok;        /* both dates parsed (their order may still be wrong) */
	long n;
};

/* The largest count accepted on one row. */
#define TALLY_MAX_COUNT 10000000L

/*
 * Recognises a tally sheet's header: names compared folded (case, accents, spaces ignored).
 * Fills *h and returns how many of the seven columns were found. When d is not NULL, missing and
 * duplicated columns are reported there at line `r->line`.
 */
int tally_header_parse(const struct row *r, struct tally_header *h, struct diag *d);

/*
 * Parses a whole number of forms: digits, with surrounding spaces and spaces (or no-break
 * spaces) as thousands separators ("1 234"). Returns MSG__COUNT and sets *n on success, else
 * the message that says what is wrong (MSG_PAPER_COUNT_NEGATIVE, _DECIMAL, _BAD, _TOO_BIG);
 * *n is then unchanged.
 */
enum msg_id tally_count_parse(const char *s, long *n);

/*
 * Parses one row into *out, without any database: the count, both dates and their order.
 * Returns 0 when parsed, 1 when the row is not filled in (empty count: nothing checked, nothing
 * reported), -1 when problems were reported on d (every one of them, at r->line and the column).
 * Site, channel, question and answer are only located here (they need the survey).
 */
int tally_row_parse(const struct tally_header *h, const struct row *r, struct tally_cells *out,
                    struct diag *d);

/* The text of column c in row r ("" when the column or the cell is absent; borrowed). */
const char *tally_cell(const struct tally_header *h, const struct row *r, enum tally_col c);

/*
 * collect-paper --template: writes a blank tally sheet for a survey (UTF-8 with BOM, ';', CRLF:
 * what French Excel and LibreOffice open as a table). argv holds the whole command line.
 * Returns the exit status.
 */
int paper_template_main(int argc, char **argv, const char *prog);

/* collect-paper --form: writes the printable questionnaire (PDF) of a survey (form.c). */
int paper_form_main(int argc, char **argv, const char *prog);

/* collect-paper --format scan: reads scanned questionnaires (PDF or image) printed by --form
 * (scan.c). paper_scan_wanted says whether the command line asks for it: --format scan, or a
 * file that starts as a PDF, PNG, JPEG or TIFF does. */
int paper_scan_main(int argc, char **argv, const char *prog);
int paper_scan_wanted(int argc, char **argv);

/* The connection, survey, site and channel of a --form or scan run (open.c). */
struct paper_open {
	PGconn *conn;
	struct survey_def *s;
	const struct place_def *site, *channel;   /* NULL when not asked for */
};

/* Connects, loads survey_code, looks up site_code and channel_code (either may be NULL; with a
 * channel, the collector's database role is taken). Returns EXIT_DONE, or the exit status after
 * a message (po then holds nothing). Release with paper_close. */
int paper_open(struct paper_open *po, const char *prog, const char *db, const char *org_code,
               const char *survey_code, const char *site_code, const char *channel_code);
void paper_close(struct paper_open *po);

/* Gives tmp the mode of a new file (0666 less the umask; mkstemp made it 0600) and renames it to
 * path. Returns 0, or -1 with errno set (tmp is then left for the caller to remove). */
int paper_publish(const char *tmp, const char *path);


#endif
