/* report.h: the survey-report subcommands, dispatched from reports/main.c. Each takes the
 * arguments after its name (argv[0] is the subcommand name) and returns the exit status of
 * DESIGN.md: 0 done, 1 input rejected, 2 usage error, 3 database error. */
#ifndef REPORTS_REPORT_H
#define REPORTS_REPORT_H

#define REPORT_OK 0
#define REPORT_REJECTED 1
#define REPORT_USAGE 2
#define REPORT_DBERROR 3

int report_flash(int argc, char **argv);   /* reports/flash.c */
int report_brief(int argc, char **argv);   /* reports/brief.c */
int report_weight(int argc, char **argv);  /* reports/weight.c */

#endif
