/* online.h: the adapters of collect-online, one per tool (one file each), over the shared
 * engine of wide exports (core/wide.h). Decisions that hold for every tool:
 * - Set aside, counted in the summary, never an error: LimeSurvey responses without a
 *   submission date and Framaforms drafts (both counted with --include-incomplete), Kobo
 *   responses validated "not approved" (never counted), responses dated outside the survey's
 *   period (cumulative exports span years).
 * - Source ids, for cumulative exports: LimeSurvey id#seed, Framaforms SID, Kobo _uuid,
 *   Microsoft Forms ID#start time, Google Forms timestamp#hash of the row (no id exported; a
 *   Sheet CSV and the ZIP of the same form are therefore different sources).
 * - A survey question without a column is fine; a column that maps to nothing is ignored and
 *   named in the summary; a map file naming a question the survey does not ask is an error,
 *   and so is a file where no column is a question of the survey.
 * - Personal columns (e-mail, name, IP address, token, referrer, phone, Kobo _submitted_by...)
 *   are never read. Free text ([other], [comment], text questions) goes to comments.
 * - A mirror survey's responses are the agents' (respondent = agent). */
#ifndef COLLECTORS_ONLINE_H
#define COLLECTORS_ONLINE_H

#include "collect.h"

extern const struct adapter adapter_limesurvey;
extern const struct adapter adapter_framaforms;
extern const struct adapter adapter_google_forms;
extern const struct adapter adapter_ms_forms;
extern const struct adapter adapter_kobo;

#endif
