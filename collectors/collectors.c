/* collectors.c: the format table of each collector, in the order --format auto tries them. */
#include "collectors.h"
#include "online/online.h"
#include "paper/paper.h"
#include "phone/phone.h"

const struct adapter *const paper_adapters[] = {
	&adapter_tally,
	&adapter_omr,
	NULL,
};

const struct adapter *const online_adapters[] = {
	&adapter_limesurvey,
	&adapter_framaforms,
	&adapter_google_forms,
	&adapter_ms_forms,
	&adapter_kobo,
	NULL
};

const struct adapter *const phone_adapters[] = {
	&adapter_asterisk,
	&adapter_newfies,
	&adapter_interview,
	NULL,
};

const struct collector all_collectors[] = {
	{ "collect-paper", paper_adapters },
	{ "collect-online", online_adapters },
	{ "collect-phone", phone_adapters },
	{ NULL, NULL }
};
