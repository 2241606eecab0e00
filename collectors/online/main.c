/* main.c: collect-online, the importer of online questionnaire exports: one adapter per tool. */
#include "online.h"

static const struct adapter *const adapters[] = {
	&adapter_limesurvey,
	&adapter_framaforms,
	&adapter_google_forms,
	&adapter_ms_forms,
	&adapter_kobo,
	NULL
};

int main(int argc, char **argv)
{
	return collect_main(argc, argv, "collect-online", msg_text(MSG_ONLINE_USAGE), adapters,
	                    "auto", "en_ligne");
}
