/* main.c: collect-online, the importer of online questionnaire exports: one adapter per tool. */
#include "../collectors.h"

int main(int argc, char **argv)
{
	return collect_main(argc, argv, "collect-online", msg_text(MSG_ONLINE_USAGE),
	                    online_adapters, "auto", "en_ligne", all_collectors);
}
