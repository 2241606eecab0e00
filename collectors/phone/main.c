/* main.c: collect-phone, answers given on the phone: keys pressed in an IVR (Asterisk's
 * Master.csv, a Newfies-Dialer survey report) or typed by the agent at the end of the call.
 * One adapter per format; the framework (core/collect.h) does the rest. */
#include "msg.h"
#include "../collectors.h"

int main(int argc, char **argv)
{
	return collect_main(argc, argv, "collect-phone", msg_text(MSG_PHONE_USAGE),
	                    phone_adapters, "auto", "telephone", all_collectors);
}
