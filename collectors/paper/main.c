/* main.c: collect-paper, the paper road: tally sheets filled in a spreadsheet and OMR scans,
 * over the collector framework (core/collect.h); --template writes a blank tally sheet. */
#include <string.h>

#include "../collectors.h"
#include "paper.h"

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--template") == 0)
			return paper_template_main(argc, argv, "collect-paper");
		if (strcmp(argv[i], "--form") == 0)
			return paper_form_main(argc, argv, "collect-paper");
	}
	if (paper_scan_wanted(argc, argv))
		return paper_scan_main(argc, argv, "collect-paper");
	return collect_main(argc, argv, "collect-paper", msg_text(MSG_PAPER_USAGE),
	                    paper_adapters, "auto", "guichet", all_collectors);
}
